import 'server-only'
import { recordAuditEvent, withTenant } from '@/lib/db'
import { sendEvent } from '@/lib/jobs'
import { moduleLogger } from '@/lib/logger'
import type { TenantContext } from '@/lib/tenant-context'
import { UsersError } from './errors'
import { organizationDeletionRequested } from './events'
import { assertCan } from './permissions'
import * as repo from './repo'
import { updateSessionsInTenant } from './session-store'

const log = moduleLogger('users.organizations')

/**
 * Deletes the organization (owners only, confirmed by typing its slug). The work runs as a job;
 * without a reachable Inngest server in development it runs here instead, so nothing is left half done.
 */
export async function deleteOrganization(ctx: TenantContext, confirmSlug: string): Promise<{ queued: boolean }> {
  assertCan(ctx, 'organization.delete')
  if (confirmSlug !== ctx.tenantSlug) {
    throw new UsersError('users.confirmation_mismatch', 'bad_request', `Type the organization's address, ${ctx.tenantSlug}, to confirm.`)
  }
  await withTenant(ctx, (tx) =>
    recordAuditEvent(tx, { tenantId: ctx.tenantId, actorId: ctx.userId, action: 'organization.deletion_requested', targetType: 'tenant', targetId: ctx.tenantId }),
  )
  const sent = await sendEvent(
    organizationDeletionRequested.create({ tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, requestedBy: ctx.userId ?? '' }, { id: `delete-org-${ctx.tenantId}` }),
  )
  if (!sent.skipped) return { queued: true }
  log.warn({ tenantId: ctx.tenantId }, 'no Inngest server: deleting the organization in the request')
  await endMemberSessions(ctx.tenantId, await deleteOrganizationData(ctx))
  return { queued: false }
}

/** Deletes the tenant row; every tenant-owned row goes with it (ON DELETE CASCADE). Returns who was in it. */
export async function deleteOrganizationData(ctx: TenantContext): Promise<string[]> {
  return withTenant(ctx, async (tx) => {
    const members = (await repo.listMembers(tx)).map((m) => m.userId)
    await repo.deleteTenant(tx, ctx.tenantId)
    log.info({ tenantId: ctx.tenantId, members: members.length }, 'organization deleted')
    return members
  })
}

/** Ends every live session that was active in the deleted organization. */
export async function endMemberSessions(tenantId: string, userIds: string[]): Promise<void> {
  for (const userId of userIds) await updateSessionsInTenant(userId, tenantId, null)
}
