import 'server-only'
import { getEnv } from '@/lib/env'
import { listAuditEvents, withTenant } from '@/lib/db'
import { sendEmail } from '@/lib/mailer'
import type { TenantContext } from '@/lib/tenant-context'
import { UsersError } from './errors'
import { EXPORT_TTL_HOURS, storeExport } from './export-store'
import { assertCan } from './permissions'
import * as repo from './repo'
import { getUserSummaries } from './service'

// What the users module holds about one organization, for its export (modules/compliance): the
// organization, its members, pending invitations and audit log. Read in one tenant transaction.

const AUDIT_ENTRIES = 10_000

export async function exportOrganizationRecords(ctx: TenantContext) {
  // Jobs act for an owner who asked; a request must come from an owner itself.
  if (ctx.source !== 'job') assertCan(ctx, 'organization.export')
  const { tenant, members, invitations, audit } = await withTenant(ctx, async (tx) => ({
    tenant: await repo.findOwnTenant(tx),
    members: await repo.listMembers(tx),
    invitations: await repo.listPendingInvitations(tx),
    audit: await listAuditEvents(tx, AUDIT_ENTRIES),
  }))
  if (!tenant) throw new UsersError('users.not_a_member', 'not_found', 'This organization no longer exists.')
  const actors = await getUserSummaries(audit.flatMap((e) => (e.actorId ? [e.actorId] : [])))
  return {
    organization: { id: tenant.id, slug: tenant.slug, name: tenant.name, createdAt: tenant.createdAt.toISOString() },
    members: members.map((m) => ({ email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt.toISOString() })),
    pendingInvitations: invitations.map((i) => ({ email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() })),
    auditLog: audit.map((e) => ({
      at: e.createdAt.toISOString(),
      actor: e.actorId ? (actors.get(e.actorId)?.email ?? 'a former user') : null,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      ip: e.ip,
    })),
    auditLogTruncated: audit.length === AUDIT_ENTRIES,
  }
}

/**
 * Stores a finished export for the person who asked (the same 24-hour, owner-only download as
 * their personal export) and emails them the link. False when that person no longer exists.
 */
export async function deliverExport(userId: string, data: unknown, what: string): Promise<{ exportId: string; bytes: number } | null> {
  const user = await repo.findUserById(userId)
  if (!user) return null
  const { id, bytes } = await storeExport(userId, data)
  await sendEmail({
    to: user.email,
    subject: `Your Tenantkit export of ${what} is ready`,
    text:
      `Download the export of ${what}: ${getEnv().APP_URL}/api/account/export/${id}\n\n` +
      `The link works for ${EXPORT_TTL_HOURS} hours, and only while you are signed in as ${user.email}.`,
  })
  return { exportId: id, bytes }
}
