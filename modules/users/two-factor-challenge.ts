import 'server-only'
import { checkRateLimit, rateLimitHeaders } from '@/lib/rate-limit'
import { cookieForSession, sessionCookieName, useSecureCookies } from './auth-cookie'
import { UsersError } from './errors'
import { recordSecurityEvent } from './security-events'
import { pendingTwoFactorFromCookie } from './session'
import { recordSignInAudit } from './sign-in-session'
import { createSession, revokeSession, SESSION_MAX_SECONDS } from './session-store'
import { verifySecondFactor } from './two-factor'

/** The cookie that replaces the pending session's: the caller sets it on the response. */
export type SessionCookie = {
  name: string
  value: string
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; maxAge: number }
}

const expired = () => new UsersError('users.two_factor_expired', 'unauthorized', 'Your sign-in timed out. Sign in again with your password.')

/**
 * The second step of signing in with two-factor on. A right code replaces the pending session with
 * a full one under a new id (a pending session id seen by someone else is worth nothing); five wrong
 * codes in five minutes end the attempt.
 */
export async function completeTwoFactorSignIn(
  sessionCookie: string | undefined,
  code: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ tenantSlug: string; cookie: SessionCookie }> {
  const pending = await pendingTwoFactorFromCookie(sessionCookie)
  if (!pending) throw expired()
  const { record } = pending
  const attempt = await checkRateLimit('twoFactor', record.userId)
  if (!attempt.success) {
    await revokeSession(pending.sid)
    throw new UsersError('users.rate_limited', 'rate_limited', 'Too many wrong codes. Sign in again in a few minutes.', { headers: rateLimitHeaders(attempt) })
  }
  const method = await verifySecondFactor(record.userId, code)
  if (!method) {
    await recordSecurityEvent({ userId: record.userId, action: 'two_factor.challenge_failed', ip: meta.ip, userAgent: meta.userAgent })
    throw new UsersError('users.invalid_code', 'bad_request', 'That code is not valid. Enter the 6-digit code your authenticator app shows now, or a recovery code.')
  }
  const { twoFactorPendingUntil: _, createdAt: __, ...rest } = record
  const sid = await createSession(rest)
  await revokeSession(pending.sid)
  const cookie: SessionCookie = {
    name: sessionCookieName(),
    value: await cookieForSession({ sid, userId: record.userId }),
    options: { httpOnly: true, sameSite: 'lax', path: '/', secure: useSecureCookies(), maxAge: SESSION_MAX_SECONDS },
  }
  await recordSecurityEvent({ userId: record.userId, action: 'two_factor.challenge_passed', ip: meta.ip, userAgent: meta.userAgent, metadata: { method } })
  await recordSignInAudit(record.userId, { tenantId: record.tenantId, slug: record.tenantSlug, role: record.role }, { method: 'two_factor', ip: meta.ip })
  return { tenantSlug: record.tenantSlug, cookie }
}
