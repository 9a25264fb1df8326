import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import { getRedis } from '@/lib/redis'
import type { SessionDto } from './contract'

// Server-side sessions in Redis (docs/decisions/005-sessions-in-redis.md). The cookie carries only a
// random session id; Redis keys use its hash, so a copy of Redis holds no usable cookie. Sessions
// slide: every read pushes the idle expiry out (GETEX, one round trip), up to an absolute lifetime.

export const SESSION_IDLE_SECONDS = 14 * 24 * 3600
export const SESSION_MAX_SECONDS = 30 * 24 * 3600

export type SessionRecord = SessionDto & {
  createdAt: number
  ip: string | null
  userAgent: string | null
  /**
   * Set while the second factor is still owed (unix ms deadline). Such a session opens nothing but
   * the two-factor challenge; passing it replaces the session with a new id (no fixation).
   */
  twoFactorPendingUntil?: number
}

const sessionKey = (sidHash: string) => `tenantkit:sess:${sidHash}`
const userSessionsKey = (userId: string) => `tenantkit:user-sess:${userId}`
const hashSid = (sid: string) => createHash('sha256').update(sid).digest('base64url')

export async function createSession(record: Omit<SessionRecord, 'createdAt'>): Promise<string> {
  const sid = randomBytes(32).toString('base64url')
  const sidHash = hashSid(sid)
  const full: SessionRecord = { ...record, createdAt: Date.now() }
  await getRedis()
    .multi()
    .set(sessionKey(sidHash), full, { ex: SESSION_IDLE_SECONDS })
    .sadd(userSessionsKey(record.userId), sidHash)
    .expire(userSessionsKey(record.userId), SESSION_MAX_SECONDS)
    .exec()
  return sid
}

/** The live session for `sid`, extending its idle expiry; null when revoked, idle or too old. */
export async function readSession(sid: string): Promise<SessionRecord | null> {
  const record = await getRedis().getex<SessionRecord>(sessionKey(hashSid(sid)), { ex: SESSION_IDLE_SECONDS })
  if (!record) return null
  if (Date.now() - record.createdAt > SESSION_MAX_SECONDS * 1000) {
    await revokeSession(sid)
    return null
  }
  return record
}

/** Changes the session in place (switching the active tenant), keeping its expiry. */
export async function updateSession(sid: string, patch: Partial<Omit<SessionRecord, 'userId' | 'createdAt'>>): Promise<SessionRecord | null> {
  const key = sessionKey(hashSid(sid))
  const current = await getRedis().get<SessionRecord>(key)
  if (!current) return null
  const next = { ...current, ...patch }
  await getRedis().set(key, next, { keepTtl: true, xx: true })
  return next
}

export async function revokeSession(sid: string): Promise<void> {
  const sidHash = hashSid(sid)
  const record = await getRedis().getdel<SessionRecord>(sessionKey(sidHash))
  if (record) await getRedis().srem(userSessionsKey(record.userId), sidHash)
}

/** Signs a user out everywhere except the session `keepSid` (turning two-factor on). */
export async function revokeOtherSessions(userId: string, keepSid: string): Promise<number> {
  const keep = hashSid(keepSid)
  const hashes = (await getRedis().smembers(userSessionsKey(userId))).filter((hash) => hash !== keep)
  if (hashes.length === 0) return 0
  const pipeline = getRedis().pipeline()
  for (const hash of hashes) pipeline.del(sessionKey(hash)).srem(userSessionsKey(userId), hash)
  await pipeline.exec()
  return hashes.length
}

/** Signs a user out everywhere at once (password change, account removal, "all devices"). */
export async function revokeAllSessions(userId: string): Promise<number> {
  const hashes = await getRedis().smembers(userSessionsKey(userId))
  if (hashes.length === 0) return 0
  const pipeline = getRedis().pipeline()
  for (const hash of hashes) pipeline.del(sessionKey(hash))
  pipeline.del(userSessionsKey(userId))
  const replies = (await pipeline.exec()) as number[]
  return replies.slice(0, hashes.length).reduce((sum, n) => sum + n, 0)
}

export type SessionSummary = Pick<SessionRecord, 'createdAt' | 'ip' | 'userAgent' | 'tenantSlug'> & { current: boolean; lastActiveAt: number }

/** The user's live sessions, newest first; `lastActiveAt` is derived from the sliding expiry. */
export async function listSessions(userId: string, currentSid?: string): Promise<SessionSummary[]> {
  const hashes = await getRedis().smembers(userSessionsKey(userId))
  if (hashes.length === 0) return []
  const pipeline = getRedis().pipeline()
  for (const hash of hashes) pipeline.get(sessionKey(hash)).ttl(sessionKey(hash))
  const replies = await pipeline.exec<(SessionRecord | number | null)[]>()
  const current = currentSid ? hashSid(currentSid) : null
  const sessions: SessionSummary[] = []
  hashes.forEach((hash, i) => {
    const record = replies[i * 2] as SessionRecord | null
    const ttl = replies[i * 2 + 1] as number
    if (!record) return
    const { createdAt, ip, userAgent, tenantSlug } = record
    sessions.push({ createdAt, ip, userAgent, tenantSlug, current: hash === current, lastActiveAt: Date.now() - (SESSION_IDLE_SECONDS - ttl) * 1000 })
  })
  return sessions.sort((a, b) => b.lastActiveAt - a.lastActiveAt)
}

/**
 * Applies a membership change to the user's live sessions in one tenant at once: a new role
 * (`patch`), or removal (`null`: those sessions end). Sessions in other organizations stay.
 */
export async function updateSessionsInTenant(userId: string, tenantId: string, patch: Pick<SessionRecord, 'role'> | null): Promise<number> {
  const hashes = await getRedis().smembers(userSessionsKey(userId))
  if (hashes.length === 0) return 0
  // One round trip to read them all, then one write per session that changes.
  const records = await getRedis().mget<(SessionRecord | null)[]>(...hashes.map(sessionKey))
  let changed = 0
  for (const [i, hash] of hashes.entries()) {
    const record = records[i]
    if (!record || record.tenantId !== tenantId) continue
    if (patch) await getRedis().set(sessionKey(hash), { ...record, ...patch }, { keepTtl: true, xx: true })
    else await getRedis().pipeline().del(sessionKey(hash)).srem(userSessionsKey(userId), hash).exec()
    changed++
  }
  return changed
}
