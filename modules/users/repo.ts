import 'server-only'
import { identityDb, type TenantTx } from '@/lib/db'
import type { MembershipRole } from '@/lib/tenant-context'

// Only this file touches the users module's tables. No decisions here: queries in, rows out.

const signInSelect = { id: true, email: true, name: true, passwordHash: true, emailVerified: true } as const
const summarySelect = { id: true, email: true, name: true } as const

export function findUserForSignIn(email: string) {
  return identityDb().user.findUnique({ where: { email }, select: signInSelect })
}

export function findUserSummaries(ids: readonly string[]) {
  return identityDb().user.findMany({ where: { id: { in: [...ids] } }, select: summarySelect })
}

export function insertUser(data: { email: string; name: string | null; passwordHash: string | null; emailVerified: Date | null }) {
  return identityDb().user.create({ data, select: summarySelect })
}

export function insertTenant(tx: TenantTx, data: { id: string; slug: string; name: string }) {
  return tx.tenant.create({ data, select: { id: true, slug: true, name: true } })
}

export function insertMembership(tx: TenantTx, data: { tenantId: string; userId: string; role: MembershipRole }) {
  return tx.membership.create({ data, select: { id: true, role: true } })
}

export function findUserById(id: string) {
  return identityDb().user.findUnique({ where: { id }, select: signInSelect })
}

export function updateUserPassword(id: string, passwordHash: string) {
  return identityDb().user.update({ where: { id }, data: { passwordHash }, select: { id: true } })
}

export function markEmailVerified(id: string) {
  return identityDb().user.update({ where: { id }, data: { emailVerified: new Date() }, select: { id: true, email: true } })
}

/** Sets emailVerified only where it is not set yet: a sign-in link must not move the original date. */
export function markEmailVerifiedIfUnset(id: string) {
  return identityDb().user.updateMany({ where: { id, emailVerified: null }, data: { emailVerified: new Date() } })
}

type AuthTokenPurpose = 'verify_email' | 'reset_password' | 'magic_link'

/** Deletes a user's unused tokens of one purpose (a newer link replaces them). */
export function deleteUnusedAuthTokens(userId: string, purpose: AuthTokenPurpose) {
  return identityDb().authToken.deleteMany({ where: { userId, purpose, usedAt: null } })
}

export function insertAuthToken(data: { userId: string; purpose: AuthTokenPurpose; tokenHash: string; expiresAt: Date }) {
  return identityDb().authToken.create({ data, select: { id: true } })
}

/** Marks an unused, unexpired token used; null when there is none (one statement: no double use). */
export async function useAuthToken(tokenHash: string, purpose: AuthTokenPurpose) {
  const { count } = await identityDb().authToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  })
  return count === 1 ? identityDb().authToken.findUnique({ where: { tokenHash }, select: { userId: true } }) : null
}

export function findAuthToken(tokenHash: string, purpose: AuthTokenPurpose) {
  return identityDb().authToken.findFirst({ where: { tokenHash, purpose }, select: { userId: true, usedAt: true, expiresAt: true } })
}

// ---- OAuth accounts (identity-level): which GitHub/Google account belongs to which user

export function findOAuthAccount(provider: string, providerAccountId: string) {
  return identityDb().oAuthAccount.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId } }, select: { userId: true } })
}

export function insertOAuthAccount(data: { userId: string; provider: string; providerAccountId: string }) {
  return identityDb().oAuthAccount.create({ data, select: { id: true } })
}

// ---- members and invitations (tenant-scoped: the transaction decides the tenant)

const memberSelect = { userId: true, role: true, createdAt: true, user: { select: { email: true, name: true } } } as const

/** The transaction's own tenant row (RLS decides which). */
export function findOwnTenant(tx: TenantTx) {
  return tx.tenant.findFirst({ select: { id: true, slug: true, name: true, createdAt: true } })
}

export function listMembers(tx: TenantTx) {
  return tx.membership.findMany({ select: memberSelect, orderBy: { createdAt: 'asc' } })
}

export function findMembership(tx: TenantTx, userId: string) {
  return tx.membership.findFirst({ where: { userId }, select: { userId: true, role: true } })
}

export function findMembershipByEmail(tx: TenantTx, email: string) {
  return tx.membership.findFirst({ where: { user: { email } }, select: { userId: true } })
}

export function countOwners(tx: TenantTx): Promise<number> {
  return tx.membership.count({ where: { role: 'owner' } })
}

export function updateMembershipRole(tx: TenantTx, userId: string, role: MembershipRole) {
  return tx.membership.updateMany({ where: { userId }, data: { role } })
}

export function deleteMembership(tx: TenantTx, userId: string) {
  return tx.membership.deleteMany({ where: { userId } })
}

const invitationSelect = { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, createdAt: true } as const

export function insertInvitation(
  tx: TenantTx,
  data: { tenantId: string; email: string; role: MembershipRole; tokenHash: string; invitedById: string; expiresAt: Date },
) {
  return tx.invitation.create({ data, select: invitationSelect })
}

export function listPendingInvitations(tx: TenantTx) {
  return tx.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: invitationSelect,
    orderBy: { createdAt: 'desc' },
  })
}

export function findInvitation(tx: TenantTx, id: string) {
  return tx.invitation.findUnique({ where: { id }, select: invitationSelect })
}

export function updateInvitation(tx: TenantTx, id: string, data: { tokenHash?: string; expiresAt?: Date; revokedAt?: Date }) {
  return tx.invitation.update({ where: { id }, data, select: invitationSelect })
}

/** Marks a pending invitation accepted; false when it was accepted or revoked meanwhile. */
export async function acceptInvitationRow(tx: TenantTx, id: string): Promise<boolean> {
  const { count } = await tx.invitation.updateMany({ where: { id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } })
  return count === 1
}

/** Members plus pending invitations: what a plan's seat count covers. */
export async function countSeatsInUse(tx: TenantTx): Promise<number> {
  const [members, invitations] = await Promise.all([
    tx.membership.count(),
    tx.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
  ])
  return members + invitations
}

export function deleteTenant(tx: TenantTx, tenantId: string) {
  return tx.tenant.deleteMany({ where: { id: tenantId } })
}

export function findUserExport(id: string) {
  return identityDb().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, emailVerified: true, createdAt: true, updatedAt: true } })
}

// ---- two-factor (identity-level)

export function findTwoFactor(userId: string) {
  return identityDb().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, totpSecret: true, totpEnabledAt: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
  })
}

/** Stores a new, not yet confirmed secret; refuses (count 0) when two-factor is already on. */
export async function setPendingTotpSecret(userId: string, totpSecret: string): Promise<boolean> {
  const { count } = await identityDb().user.updateMany({ where: { id: userId, totpEnabledAt: null }, data: { totpSecret } })
  return count === 1
}

/** Turns two-factor on and replaces the recovery codes; one statement batch Prisma runs as a transaction. */
export function enableTotp(userId: string, codeHashes: readonly string[]) {
  return identityDb().user.update({
    where: { id: userId },
    data: { totpEnabledAt: new Date(), recoveryCodes: { deleteMany: {}, createMany: { data: codeHashes.map((codeHash) => ({ codeHash })) } } },
    select: { id: true },
  })
}

export function replaceRecoveryCodes(userId: string, codeHashes: readonly string[]) {
  return identityDb().user.update({
    where: { id: userId },
    data: { recoveryCodes: { deleteMany: {}, createMany: { data: codeHashes.map((codeHash) => ({ codeHash })) } } },
    select: { id: true },
  })
}

export function disableTotp(userId: string) {
  return identityDb().user.update({
    where: { id: userId },
    data: { totpSecret: null, totpEnabledAt: null, recoveryCodes: { deleteMany: {} } },
    select: { id: true },
  })
}

/** Marks an unused recovery code used; false when there is none (one statement: no double use). */
export async function useRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
  const { count } = await identityDb().recoveryCode.updateMany({ where: { userId, codeHash, usedAt: null }, data: { usedAt: new Date() } })
  return count === 1
}

// ---- account deletion, data export, invitation sign-up

/** A new user inside a tenant transaction, so that the account, the membership and the accepted invitation commit together. */
export function insertUserInTenantTx(tx: TenantTx, data: { id: string; email: string; name: string | null; passwordHash: string; emailVerified: Date }) {
  return tx.user.create({ data, select: summarySelect })
}

export function findMembershipSince(tx: TenantTx, userId: string) {
  return tx.membership.findFirst({ where: { userId }, select: { role: true, createdAt: true } })
}

export function deleteOAuthAccounts(userId: string, provider: string) {
  return identityDb().oAuthAccount.deleteMany({ where: { userId, provider } })
}

export function listLinkedAccounts(userId: string) {
  return identityDb().oAuthAccount.findMany({ where: { userId }, select: { provider: true, createdAt: true }, orderBy: { createdAt: 'asc' } })
}

/** The person's security history: their rows, and refused sign-ins that named their address without an account id. */
export async function deleteSecurityEvents(userId: string, email: string | null): Promise<number> {
  const { count } = await identityDb().securityEvent.deleteMany({ where: { OR: [{ userId }, ...(email ? [{ userId: null, email }] : [])] } })
  return count
}

/** Deletes the user; tokens, recovery codes, linked accounts and any membership left go with it (ON DELETE CASCADE). */
export async function deleteUser(id: string): Promise<boolean> {
  const { count } = await identityDb().user.deleteMany({ where: { id } })
  return count === 1
}

/**
 * Locks the tenant row until the transaction ends. A membership insert checks its foreign key with a
 * share lock on that row, so nobody can join while the caller decides whether to delete the tenant.
 */
export async function lockTenant(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.$queryRaw`select "id" from "Tenant" where "id" = ${tenantId}::uuid for update`
}
