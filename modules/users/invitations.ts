import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import { findInvitationByTokenHash, recordAuditEvent, withTenant } from '@/lib/db'
import { getEnv } from '@/lib/env'
import { sendEmail } from '@/lib/mailer'
import { assertAllowed, checkRateLimit } from '@/lib/rate-limit'
import type { TenantContext } from '@/lib/tenant-context'
import { createTenantContext } from '@/lib/tenant-context-factory'
import type { InvitationDto, InviteMemberInput, TenantSummaryDto } from './contract'
import { UsersError } from './errors'
import { announceSeatsChanged } from './seat-announcements'
import { assertCan, assertMayManageRole } from './permissions'
import * as repo from './repo'

// Invitations by email: a random token in the link, its sha256 in the database, valid 7 days,
// single use. Accepting needs an account with the invited address, or creates one (invitation-sign-up.ts).

const INVITATION_DAYS = 7
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
export const notFound = () => new UsersError('users.invitation_not_found', 'not_found', 'This invitation does not exist, was revoked, or has expired.')

function toDto(row: { id: string; email: string; role: InvitationDto['role']; expiresAt: Date; createdAt: Date }): InvitationDto {
  return { id: row.id, email: row.email, role: row.role, expiresAt: row.expiresAt.toISOString(), createdAt: row.createdAt.toISOString() }
}

function newToken() {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000) }
}

async function emailInvitation(ctx: TenantContext, email: string, token: string): Promise<void> {
  await sendEmail({
    to: email,
    subject: `You are invited to ${ctx.tenantSlug} on Tenantkit`,
    text: `Join ${ctx.tenantSlug}: ${getEnv().APP_URL}/invitations/accept?token=${encodeURIComponent(token)}\n\nThe invitation is valid for ${INVITATION_DAYS} days.`,
  })
}

export async function inviteMember(ctx: TenantContext, input: InviteMemberInput): Promise<InvitationDto> {
  assertCan(ctx, 'members.invite')
  assertMayManageRole(ctx, null, input.role)
  assertAllowed(await checkRateLimit('invitesPerTenant', ctx.tenantId), 'This organization has sent many invitations recently.')
  const { token, tokenHash, expiresAt } = newToken()
  const row = await withTenant(ctx, async (tx) => {
    if (await repo.findMembershipByEmail(tx, input.email)) {
      throw new UsersError('users.already_member', 'conflict', `${input.email} is already a member.`)
    }
    const invitation = await repo.insertInvitation(tx, { tenantId: ctx.tenantId, email: input.email, role: input.role, tokenHash, invitedById: ctx.userId ?? '', expiresAt })
    await recordAuditEvent(tx, { tenantId: ctx.tenantId, actorId: ctx.userId, action: 'invitation.sent', targetType: 'invitation', targetId: invitation.id, metadata: { email: input.email, role: input.role } })
    return invitation
  })
  await emailInvitation(ctx, input.email, token)
  // A pending invitation holds a seat (countSeatsInUse), so it is billed like one.
  await announceSeatsChanged(ctx, 'invitation_sent')
  return toDto(row)
}

export async function listInvitations(ctx: TenantContext): Promise<InvitationDto[]> {
  assertCan(ctx, 'members.invite')
  return (await withTenant(ctx, (tx) => repo.listPendingInvitations(tx))).map(toDto)
}

export async function revokeInvitation(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx, 'members.invite')
  await withTenant(ctx, async (tx) => {
    const invitation = await repo.findInvitation(tx, id)
    if (!invitation || invitation.acceptedAt || invitation.revokedAt) throw notFound()
    await repo.updateInvitation(tx, id, { revokedAt: new Date() })
    await recordAuditEvent(tx, { tenantId: ctx.tenantId, actorId: ctx.userId, action: 'invitation.revoked', targetType: 'invitation', targetId: id })
  })
  await announceSeatsChanged(ctx, 'invitation_revoked')
}

/** A new link (the old one stops working) and a fresh expiry. */
export async function resendInvitation(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx, 'members.invite')
  assertAllowed(await checkRateLimit('invitesPerTenant', ctx.tenantId), 'This organization has sent many invitations recently.')
  const { token, tokenHash, expiresAt } = newToken()
  const invitation = await withTenant(ctx, async (tx) => {
    const found = await repo.findInvitation(tx, id)
    if (!found || found.acceptedAt || found.revokedAt) throw notFound()
    return repo.updateInvitation(tx, id, { tokenHash, expiresAt })
  })
  await emailInvitation(ctx, invitation.email, token)
}

/** Joins the invited organization as `user` (whose email must be the invited one). */
export async function acceptInvitation(token: string, user: { userId: string; email: string }): Promise<TenantSummaryDto> {
  const invitation = await findInvitationByTokenHash(hashToken(token), 'accept invitation')
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() < Date.now()) throw notFound()
  if (invitation.email !== user.email) {
    throw new UsersError('users.invitation_email_mismatch', 'forbidden', `This invitation is for ${invitation.email}. Sign in with that address to accept it.`)
  }
  const ctx = createTenantContext({ tenantId: invitation.tenantId, tenantSlug: invitation.slug, userId: user.userId, role: invitation.role, source: 'session' })
  await withTenant(ctx, async (tx) => {
    if (!(await repo.acceptInvitationRow(tx, invitation.id))) throw notFound()
    if (await repo.findMembership(tx, user.userId)) throw new UsersError('users.already_member', 'conflict', 'You are already a member of this organization.')
    await repo.insertMembership(tx, { tenantId: invitation.tenantId, userId: user.userId, role: invitation.role })
    await recordAuditEvent(tx, { tenantId: invitation.tenantId, actorId: user.userId, action: 'invitation.accepted', targetType: 'invitation', targetId: invitation.id })
  })
  await announceSeatsChanged(ctx, 'invitation_accepted')
  return { tenantId: invitation.tenantId, slug: invitation.slug, name: invitation.name, role: invitation.role }
}
