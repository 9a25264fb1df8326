import 'server-only'
import { listMembershipsOfUser, recordAuditEvent, withTenant, type UserMembership } from '@/lib/db'
import { getEnv } from '@/lib/env'
import { moduleLogger } from '@/lib/logger'
import { sendEmail } from '@/lib/mailer'
import { createTenantContext } from '@/lib/tenant-context-factory'
import { announceSeatsChanged } from './seat-announcements'
import { endMemberSessions } from './organization-deletion'
import * as repo from './repo'
import { revokeAllSessions, updateSessionsInTenant } from './session-store'

// The erasure behind account deletion, in idempotent pieces the job runs as steps (jobs.ts) and
// eraseAccount() runs in a row when no Inngest server answers. Each piece re-reads the database:
// a retry, or a second run, finds nothing left to do.

const log = moduleLogger('users.account-deletion')

export type Departure = { outcome: 'organization_deleted' | 'left' | 'not_a_member'; newOwnerId: string | null }

/** The organizations the person still belongs to. */
export function listOrganizationsToLeave(userId: string): Promise<UserMembership[]> {
  return listMembershipsOfUser(userId, 'account deletion: leave every organization')
}

/**
 * Takes the person out of one organization. When they are its only member, the organization is
 * deleted (every tenant row goes with the tenant, as in organization deletion); otherwise only their
 * membership goes, and with it the invitations they sent (foreign key). If they were its last owner
 * (someone joined after the request was checked), the longest-standing admin, else member, becomes
 * owner: an organization never outlives its owners, and never loses data nobody chose to delete.
 */
export async function leaveOrganizationForDeletion(userId: string, organization: { tenantId: string; slug: string }): Promise<Departure> {
  const { tenantId, slug } = organization
  const ctx = createTenantContext({ tenantId, tenantSlug: slug, userId: null, role: null, source: 'job' })
  const departure = await withTenant(ctx, async (tx): Promise<Departure> => {
    await repo.lockTenant(tx, tenantId)
    const members = await repo.listMembers(tx)
    const leaving = members.find((m) => m.userId === userId)
    if (!leaving) return { outcome: 'not_a_member', newOwnerId: null }
    if (members.length === 1) {
      await repo.deleteTenant(tx, tenantId)
      return { outcome: 'organization_deleted', newOwnerId: null }
    }
    await repo.deleteMembership(tx, userId)
    await recordAuditEvent(tx, { tenantId, actorId: userId, action: 'member.left', targetType: 'user', targetId: userId, metadata: { role: leaving.role, reason: 'account_deleted' } })
    const others = members.filter((m) => m.userId !== userId)
    if (others.some((m) => m.role === 'owner')) return { outcome: 'left', newOwnerId: null }
    const heir = others.find((m) => m.role === 'admin') ?? others[0]
    if (!heir) return { outcome: 'left', newOwnerId: null }
    await repo.updateMembershipRole(tx, heir.userId, 'owner')
    await recordAuditEvent(tx, { tenantId, actorId: null, action: 'member.role_changed', targetType: 'user', targetId: heir.userId, metadata: { from: heir.role, to: 'owner', reason: 'last_owner_deleted_account' } })
    return { outcome: 'left', newOwnerId: heir.userId }
  })
  if (departure.outcome === 'organization_deleted') await endMemberSessions(tenantId, [userId])
  if (departure.outcome === 'left') {
    await updateSessionsInTenant(userId, tenantId, null)
    await announceSeatsChanged(ctx, 'member_left')
  }
  if (departure.newOwnerId) await updateSessionsInTenant(departure.newOwnerId, tenantId, { role: 'owner' })
  log.info({ tenantId, userId, ...departure }, 'account deletion: organization left')
  return departure
}

/**
 * Deletes the person's security history, then the user row (tokens, recovery codes and linked
 * accounts cascade). History goes first: a retry after the user row is gone no longer knows the email.
 */
export async function deleteUserRecords(userId: string): Promise<{ userDeleted: boolean; securityEventsDeleted: number }> {
  const user = await repo.findUserById(userId)
  const securityEventsDeleted = await repo.deleteSecurityEvents(userId, user?.email ?? null)
  const userDeleted = await repo.deleteUser(userId)
  log.info({ userId, userDeleted, securityEventsDeleted }, 'account deletion: user deleted')
  return { userDeleted, securityEventsDeleted }
}

/** The address to confirm the deletion to, read before the user row goes; null when it is already gone. */
export async function findAccountEmail(userId: string): Promise<string | null> {
  return (await repo.findUserById(userId))?.email ?? null
}

/** Tells the person it is done: confirmation for them, and an alarm if it was not them. */
export async function emailDeletionConfirmation(email: string): Promise<void> {
  await sendEmail({
    to: email,
    subject: 'Your Tenantkit account was deleted',
    text:
      'Your Tenantkit account and the organizations only you belonged to are deleted. Organizations you shared go on without you.\n\n' +
      `If you did not ask for this, reply to this email. You can create a new account any time at ${getEnv().APP_URL}/sign-up.`,
  })
}

/** Ends any session opened between the request and now (the password worked until the user row went). */
export function endRemainingSessions(userId: string): Promise<number> {
  return revokeAllSessions(userId)
}

export type ErasureSummary = { organizationsDeleted: string[]; organizationsLeft: number; userDeleted: boolean; securityEventsDeleted: number }

/** Every piece in a row: the fallback when no Inngest server answers in development. */
export async function eraseAccount(userId: string): Promise<ErasureSummary> {
  const email = await findAccountEmail(userId)
  const organizationsDeleted: string[] = []
  let organizationsLeft = 0
  for (const organization of await listOrganizationsToLeave(userId)) {
    const { outcome } = await leaveOrganizationForDeletion(userId, organization)
    if (outcome === 'organization_deleted') organizationsDeleted.push(organization.tenantId)
    if (outcome === 'left') organizationsLeft++
  }
  const records = await deleteUserRecords(userId)
  await endRemainingSessions(userId)
  if (email && records.userDeleted) await emailDeletionConfirmation(email)
  return { organizationsDeleted, organizationsLeft, ...records }
}
