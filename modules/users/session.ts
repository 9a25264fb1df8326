import 'server-only'
import { cookies } from 'next/headers'
import { cache } from 'react'
import { listMembershipsOfUser } from '@/lib/db'
import type { TenantContext } from '@/lib/tenant-context'
import { createTenantContext } from '@/lib/tenant-context-factory'
import { principalFromCookie, readCookie, sessionCookieName, type SessionPrincipal } from './auth-cookie'
import type { SessionDto } from './contract'
import { UsersError, unauthenticated } from './errors'
import { readSession, revokeSession, updateSession, type SessionRecord } from './session-store'

export type CurrentSession = { sid: string; record: SessionRecord }

async function sessionFromCookieValue(value: string | undefined): Promise<CurrentSession | null> {
  const principal = await principalFromCookie(value)
  return principal ? sessionOf(principal) : null
}

/**
 * The live session behind a principal; null when it was revoked, expired, is someone else's, or
 * still owes its second factor (such a session opens nothing but the two-factor challenge).
 */
async function sessionOf(principal: SessionPrincipal): Promise<CurrentSession | null> {
  const record = await readSession(principal.sid)
  return record && record.userId === principal.userId && !record.twoFactorPendingUntil ? { sid: principal.sid, record } : null
}

/** The request's session when it is waiting for its second factor (and not past its deadline). */
export const getPendingTwoFactorSession = cache(async (): Promise<CurrentSession | null> => {
  const jar = await cookies()
  return pendingTwoFactorFromCookie(jar.get(sessionCookieName())?.value)
})

/** The session behind a cookie value when it is waiting for its second factor. */
export async function pendingTwoFactorFromCookie(value: string | undefined): Promise<CurrentSession | null> {
  const principal = await principalFromCookie(value)
  if (!principal) return null
  const record = await readSession(principal.sid)
  if (!record || record.userId !== principal.userId || !record.twoFactorPendingUntil) return null
  if (record.twoFactorPendingUntil < Date.now()) {
    await revokeSession(principal.sid)
    return null
  }
  return { sid: principal.sid, record }
}

/**
 * Who the request's cookie says it is, without asking Redis yet: lets the edge start the session
 * read and the rate limits (keyed by user) together, in one round trip. 401 without a valid cookie.
 */
export async function requirePrincipal(request: Request): Promise<SessionPrincipal> {
  const principal = await principalFromCookie(readCookie(request.headers.get('cookie'), sessionCookieName()))
  if (!principal) throw unauthenticated()
  return principal
}

/** The tenant context of a principal's live session; 401 when the session is gone. */
export async function requireTenantContextOf(principal: SessionPrincipal): Promise<TenantContext> {
  const session = await sessionOf(principal)
  if (!session) throw unauthenticated()
  return tenantContextOf(session)
}

/** The session of the current request (Server Components, Server Actions). One Redis read per request. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const jar = await cookies()
  return sessionFromCookieValue(jar.get(sessionCookieName())?.value)
})

/** The session behind a Request (route handlers): reads the Cookie header directly. */
export function getSessionFromRequest(request: Request): Promise<CurrentSession | null> {
  return sessionFromCookieValue(readCookie(request.headers.get('cookie'), sessionCookieName()))
}

export function toSessionDto({ record }: CurrentSession): SessionDto {
  const { userId, email, name, tenantId, tenantSlug, role } = record
  return { userId, email, name, tenantId, tenantSlug, role }
}

/** The tenant context of a signed-in session: its active organization and role there. */
export function tenantContextOf({ record }: CurrentSession): TenantContext {
  return createTenantContext({
    tenantId: record.tenantId,
    tenantSlug: record.tenantSlug,
    userId: record.userId,
    role: record.role,
    source: 'session',
  })
}

/** Throws 401 without a live session. */
export async function requireTenantContext(request?: Request): Promise<TenantContext> {
  const session = request ? await getSessionFromRequest(request) : await getCurrentSession()
  if (!session) throw unauthenticated()
  return tenantContextOf(session)
}

/**
 * Makes `slug` the session's active organization after checking membership through the named
 * cross-tenant read. 404 (never 403) for an organization the user is not in.
 */
export async function switchActiveTenant(session: CurrentSession, slug: string): Promise<CurrentSession> {
  if (session.record.tenantSlug === slug) return session
  const memberships = await listMembershipsOfUser(session.record.userId, 'switch active organization')
  const target = memberships.find((m) => m.slug === slug)
  if (!target) throw new UsersError('users.not_a_member', 'not_found', 'There is no organization at this address.')
  const record = await updateSession(session.sid, { tenantId: target.tenantId, tenantSlug: target.slug, role: target.role })
  if (!record) throw unauthenticated()
  return { sid: session.sid, record }
}
