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

/** The Redis session a principal names, whatever its state; null when revoked, expired or someone else's. */
async function recordOf(principal: SessionPrincipal | null): Promise<CurrentSession | null> {
  if (!principal) return null
  const record = await readSession(principal.sid)
  return record && record.userId === principal.userId ? { sid: principal.sid, record } : null
}

/** A full session; null for one that still owes its second factor (it opens nothing but the challenge). */
const live = (session: CurrentSession | null) => (session && !session.record.twoFactorPendingUntil ? session : null)

/** A session waiting for its second factor and not past its deadline (a late one is ended here). */
async function pending(session: CurrentSession | null): Promise<CurrentSession | null> {
  if (!session?.record.twoFactorPendingUntil) return null
  if (session.record.twoFactorPendingUntil >= Date.now()) return session
  await revokeSession(session.sid)
  return null
}

const sessionOf = async (principal: SessionPrincipal) => live(await recordOf(principal))
const sessionFromCookieValue = async (value: string | undefined) => live(await recordOf(await principalFromCookie(value)))

// One Redis read per request for the request's cookie, shared by the two views of it below.
const requestSession = cache(async (): Promise<CurrentSession | null> => {
  const jar = await cookies()
  return recordOf(await principalFromCookie(jar.get(sessionCookieName())?.value))
})

/** The request's session when it is waiting for its second factor (and not past its deadline). */
export const getPendingTwoFactorSession = cache(async (): Promise<CurrentSession | null> => pending(await requestSession()))

/** The session behind a cookie value when it is waiting for its second factor. */
export async function pendingTwoFactorFromCookie(value: string | undefined): Promise<CurrentSession | null> {
  return pending(await recordOf(await principalFromCookie(value)))
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
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => live(await requestSession()))

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
