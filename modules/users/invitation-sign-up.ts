import 'server-only'
import { randomUUID } from 'node:crypto'
import { clientIp } from '@/lib/client-ip'
import { findInvitationByTokenHash, isUniqueViolation, recordAuditEvent, withTenant, type InvitationByToken } from '@/lib/db'
import { moduleLogger } from '@/lib/logger'
import { assertAllowed, checkRateLimit } from '@/lib/rate-limit'
import { createTenantContext } from '@/lib/tenant-context-factory'
import type { InvitationPreviewDto, InvitationSignUpInput, TenantSummaryDto } from './contract'
import { UsersError } from './errors'
import { hashToken, notFound } from './invitations'
import { announceSeatsChanged } from './seat-announcements'
import { assertNotBreached } from './breached-password'
import { hashPassword } from './password'
import * as repo from './repo'

// Accepting an invitation without an account (docs/decisions/017-invitation-sign-up.md). The same
// rules as acceptInvitation(): single use, 7-day expiry, revocable until accepted.

const log = moduleLogger('users.invitations')

const usable = (invitation: InvitationByToken | null): invitation is InvitationByToken =>
  invitation !== null && !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt.getTime() > Date.now()

const emailTaken = (email: string) =>
  new UsersError('users.email_taken', 'conflict', `An account with ${email} already exists. Sign in with it, then open the invitation link again.`)

/**
 * What the invitation page shows before anyone accepts; null when the link cannot be used. Telling
 * the holder of the link whether its address has an account reveals nothing they could not learn by
 * trying: the link itself proves access to that inbox.
 */
export async function previewInvitation(token: string): Promise<InvitationPreviewDto | null> {
  const invitation = await findInvitationByTokenHash(hashToken(token), 'preview invitation')
  if (!usable(invitation)) return null
  const user = await repo.findUserForSignIn(invitation.email)
  return { organization: invitation.name, email: invitation.email, role: invitation.role, hasAccount: user !== null }
}

/**
 * Creates the account with the invited address already verified (the emailed token proves the
 * inbox) and joins with the invited role: the account, the membership and the accepted invitation
 * commit together or not at all. No personal organization is created. The caller signs them in.
 */
export async function acceptInvitationAsNewUser(input: InvitationSignUpInput, headers: Headers): Promise<{ email: string; organization: TenantSummaryDto }> {
  assertAllowed(await checkRateLimit('signUpPerIp', clientIp(headers)), 'Too many sign-ups from your network.')
  const invitation = await findInvitationByTokenHash(hashToken(input.token), 'accept invitation as a new user')
  if (!usable(invitation)) throw notFound()
  if (await repo.findUserForSignIn(invitation.email)) throw emailTaken(invitation.email)
  await assertNotBreached(input.password)
  // Hashing takes tens of milliseconds of CPU: before the transaction, not while it holds a connection.
  const passwordHash = await hashPassword(input.password)
  const userId = randomUUID()
  const { tenantId, slug, role } = invitation
  const ctx = createTenantContext({ tenantId, tenantSlug: slug, userId, role, source: 'session' })
  try {
    await withTenant(ctx, async (tx) => {
      // First: the conditional update locks the invitation, so a second acceptance waits and then finds it used.
      if (!(await repo.acceptInvitationRow(tx, invitation.id))) throw notFound()
      await repo.insertUserInTenantTx(tx, { id: userId, email: invitation.email, name: input.name, passwordHash, emailVerified: new Date() })
      await repo.insertMembership(tx, { tenantId, userId, role })
      await recordAuditEvent(tx, { tenantId, actorId: userId, action: 'invitation.accepted', targetType: 'invitation', targetId: invitation.id, metadata: { newAccount: true } })
    })
  } catch (error) {
    if (isUniqueViolation(error, 'email')) throw emailTaken(invitation.email)
    throw error
  }
  log.info({ tenantId, userId }, 'invitation accepted by a new account')
  await announceSeatsChanged(ctx, 'invitation_accepted')
  return { email: invitation.email, organization: { tenantId, slug, name: invitation.name, role } }
}
