import 'server-only'
import { listMembershipsOfUser, recordAuditEvent, withTenant } from '@/lib/db'
import { createTenantContext } from '@/lib/tenant-context-factory'
import { createOrganization } from './organizations'
import * as repo from './repo'
import { recordSecurityEvent } from './security-events'
import { createSession } from './session-store'

// Every way of signing in (password, magic link, GitHub, Google) ends here, so each gets the same
// session, the same two-factor gate and the same history. The provider only proves who the person is.

export type SignInMethod = 'password' | 'magic_link' | 'github' | 'google'
export type SignInMeta = { method: SignInMethod; ip: string | null; userAgent: string | null }

/** How long a signed-in-but-not-yet-second-factor session may wait for its code. */
export const TWO_FACTOR_PENDING_SECONDS = 10 * 60

/**
 * Opens a session for a user whose first factor was just proven, in their first organization.
 * With two-factor on, the session is only pending until the code is given (two-factor-challenge.ts).
 */
export async function openSession(userId: string, meta: SignInMeta): Promise<string> {
  const [user, memberships] = await Promise.all([
    repo.findTwoFactor(userId),
    listMembershipsOfUser(userId, 'sign-in: pick the active organization'),
  ])
  if (!user) throw new Error(`user ${userId} vanished during sign-in`)
  // Someone whose last organization was deleted, or who left it, still has an account: rather than
  // a dead end at sign-in, they start again in a workspace of their own.
  const first = memberships[0] ?? (await createOrganization(userId, `${user.name ?? user.email.split('@')[0]}'s workspace`))
  const pending = Boolean(user.totpEnabledAt)
  const sid = await createSession({
    userId,
    email: user.email,
    name: user.name,
    tenantId: first.tenantId,
    tenantSlug: first.slug,
    role: first.role,
    ip: meta.ip,
    userAgent: meta.userAgent,
    ...(pending ? { twoFactorPendingUntil: Date.now() + TWO_FACTOR_PENDING_SECONDS * 1000 } : {}),
  })
  await recordSecurityEvent({
    userId,
    action: 'sign_in',
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { method: meta.method, organization: first.slug, twoFactor: pending ? 'pending' : 'off' },
  })
  if (!pending) await recordSignInAudit(userId, first, meta)
  return sid
}

/** The organization signed into sees the sign-in in its audit log (owners and admins read it). */
export async function recordSignInAudit(
  userId: string,
  organization: { tenantId: string; slug: string; role: 'owner' | 'admin' | 'member' },
  meta: { method: SignInMethod | 'two_factor'; ip: string | null },
): Promise<void> {
  const ctx = createTenantContext({ tenantId: organization.tenantId, tenantSlug: organization.slug, userId, role: organization.role, source: 'session' })
  await withTenant(ctx, (tx) =>
    recordAuditEvent(tx, { tenantId: organization.tenantId, actorId: userId, action: 'member.signed_in', ip: meta.ip, metadata: { method: meta.method } }),
  )
}
