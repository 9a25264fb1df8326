import 'server-only'
import { sendEvent } from '@/lib/jobs'
import { moduleLogger } from '@/lib/logger'
import { assertAllowed, checkRateLimit } from '@/lib/rate-limit'
import type { TenantContext } from '@/lib/tenant-context'
import { getBillingAccount } from '@/modules/billing'
import { listProjects, type ProjectDto } from '@/modules/projects'
import { can, deliverExport, exportOrganizationRecords } from '@/modules/users'
import { ComplianceError } from './errors'
import { organizationExportRequested } from './events'

// A copy of everything an organization holds, for its owner (GDPR access and portability, or
// leaving the product): each module's part through its public interface, one JSON file, delivered
// like a personal export (docs/decisions/023-organization-export.md).

const log = moduleLogger('compliance.organization-export')

/** Every project, archived ones too, page by page (the projects module caps a page at 1,000). */
async function allProjects(ctx: TenantContext): Promise<ProjectDto[]> {
  const projects: ProjectDto[] = []
  let cursor: string | undefined
  do {
    const page = await listProjects(ctx, { status: 'all', limit: 1000, cursor })
    projects.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return projects
}

export async function buildOrganizationExport(ctx: TenantContext) {
  const [records, projects, billing] = await Promise.all([exportOrganizationRecords(ctx), allProjects(ctx), getBillingAccount(ctx)])
  return { exportedAt: new Date().toISOString(), ...records, projects, billing }
}

/** Builds the export and emails its link to the owner who asked. */
export async function deliverOrganizationExport(ctx: TenantContext, requestedBy: string): Promise<{ exportId: string; bytes: number } | null> {
  const data = await buildOrganizationExport(ctx)
  const delivered = await deliverExport(requestedBy, data, `${data.organization.name}`)
  log.info({ tenantId: ctx.tenantId, bytes: delivered?.bytes }, 'organization export delivered')
  return delivered
}

/**
 * Owners only, three per 15 minutes per organization. The work is a job; without a reachable Inngest
 * server in development it runs here instead, as the personal export does.
 */
export async function requestOrganizationExport(ctx: TenantContext): Promise<{ queued: boolean }> {
  if (!ctx.userId || !can(ctx.role, 'organization.export')) {
    throw new ComplianceError('compliance.forbidden', 'forbidden', 'Only owners can export the organization’s data.')
  }
  assertAllowed(await checkRateLimit('emailPerAddress', `organization-export:${ctx.tenantId}`), 'An export was asked for just now: check your inbox.')
  const sent = await sendEvent(organizationExportRequested.create({ tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, requestedBy: ctx.userId }))
  if (!sent.skipped) return { queued: true }
  log.warn({ tenantId: ctx.tenantId }, 'no Inngest server: building the organization export in the request')
  await deliverOrganizationExport(ctx, ctx.userId)
  return { queued: false }
}
