// The in-memory backend has no Lua. It runs the @upstash/ratelimit 2.2.0 scripts through
// TypeScript twins, line for line the same steps, found by the SHA1 of the script body (the
// text after the shebang line, so flags do not matter). Any other script is refused with a
// message that points at REDIS_URL. A ratelimit upgrade that changes a script shows up as
// that refusal, and the memory-backend tests fail on it.
import type { RedisReply } from './backend'
import { sha1Hex, scriptBody } from './lua-shebang'
import { incrementBy } from './memory-commands-keys'
import { globToRegExp, type Keyspace } from './memory-store'

export type ScriptTwin = (ks: Keyspace, keys: string[], argv: string[]) => RedisReply

// Lua hands numbers to Redis as integers by truncating them.
const int = (n: number) => Math.trunc(n)

function effectiveLimit(ks: Keyspace, dynamicLimitKey: string | undefined, fallback: number): number {
  if (!dynamicLimitKey) return fallback
  const dynamic = ks.read(dynamicLimitKey, 'string')
  return dynamic === undefined ? fallback : Number(dynamic)
}

const getNumber = (ks: Keyspace, key: string) => Number(ks.read(key, 'string') ?? 0)
const pexpire = (ks: Keyspace, key: string, ms: number) => ks.setExpiry(key, Date.now() + ms)

const fixedWindowLimit: ScriptTwin = (ks, [key = '', dynamicKey], [tokens = '', window = '', by = '']) => {
  const limit = effectiveLimit(ks, dynamicKey, Number(tokens))
  const r = incrementBy(ks, key, Number(by))
  if (r === Number(by)) pexpire(ks, key, Number(window))
  return [r, int(limit)]
}

const fixedWindowRemaining: ScriptTwin = (ks, [key = '', dynamicKey], [tokens = '']) => {
  const limit = effectiveLimit(ks, dynamicKey, Number(tokens))
  return [int(limit - getNumber(ks, key)), int(limit)]
}

function previousWindowWeight(ks: Keyspace, previousKey: string, now: number, window: number): number {
  const percentageInCurrent = (now % window) / window
  return Math.floor((1 - percentageInCurrent) * getNumber(ks, previousKey))
}

const slidingWindowLimit: ScriptTwin = (ks, [current = '', previous = '', dynamicKey], argv) => {
  const [tokens, now, window, by] = argv.map(Number) as [number, number, number, number]
  const limit = effectiveLimit(ks, dynamicKey, tokens)
  const inCurrent = getNumber(ks, current)
  const inPrevious = previousWindowWeight(ks, previous, now, window)
  if (by > 0 && inPrevious + inCurrent >= limit) return [-1, int(limit)]
  const newValue = incrementBy(ks, current, by)
  if (newValue === by) pexpire(ks, current, window * 2 + 1000)
  return [int(limit - (newValue + inPrevious)), int(limit)]
}

const slidingWindowRemaining: ScriptTwin = (ks, [current = '', previous = '', dynamicKey], argv) => {
  const [tokens, now, window] = argv.map(Number) as [number, number, number]
  const limit = effectiveLimit(ks, dynamicKey, tokens)
  const used = previousWindowWeight(ks, previous, now, window) + getNumber(ks, current)
  return [int(limit - used), int(limit)]
}

const tokenBucketLimit: ScriptTwin = (ks, [key = '', dynamicKey], argv) => {
  const [maxTokens, interval, refillRate, now, by] = argv.map(Number) as [number, number, number, number, number]
  const limit = effectiveLimit(ks, dynamicKey, maxTokens)
  const bucket = ks.read(key, 'hash')
  const stored = bucket?.get('refilledAt')
  let refilledAt = stored === undefined ? now : Number(stored)
  let tokens = stored === undefined ? limit : Number(bucket?.get('tokens'))
  if (now >= refilledAt + interval) {
    const refills = Math.floor((now - refilledAt) / interval)
    tokens = Math.min(limit, tokens + refills * refillRate)
    refilledAt += refills * interval
  }
  if (by > 0 && tokens < by) return [-1, int(refilledAt + interval), int(limit)]
  const remaining = tokens - by
  const expireAt = Math.ceil((limit - remaining) / refillRate) * interval
  const hash = ks.collection(key, 'hash')
  hash.set('refilledAt', String(refilledAt))
  hash.set('tokens', String(remaining))
  if (expireAt > 0) pexpire(ks, key, expireAt)
  return [int(remaining), int(refilledAt + interval), int(limit)]
}

const tokenBucketRemaining: ScriptTwin = (ks, [key = '', dynamicKey], [maxTokens = '']) => {
  const limit = effectiveLimit(ks, dynamicKey, Number(maxTokens))
  const bucket = ks.read(key, 'hash')
  const refilledAt = bucket?.get('refilledAt')
  if (refilledAt === undefined) return [int(limit), -1, int(limit)]
  return [int(Number(bucket?.get('tokens'))), int(Number(refilledAt)), int(limit)]
}

const cachedFixedWindowLimit: ScriptTwin = (ks, [key = ''], [_window, by = '']) => {
  // NOTE: the Lua compares the INCRBY result with ARGV[2], a string, which is never equal in
  // Lua, so upstream never sets the expiry here. The twin does the same on purpose.
  return incrementBy(ks, key, Number(by))
}

const cachedFixedWindowRemaining: ScriptTwin = (ks, [key = '']) => ks.read(key, 'string') ?? 0

const resetUsedTokens: ScriptTwin = (ks, [pattern = '']) => {
  const match = globToRegExp(pattern)
  for (const key of ks.keys()) if (match.test(key)) ks.delete(key)
  return null
}

// SHA1 of each script body in @upstash/ratelimit 2.2.0 (dist/index.mjs, SCRIPTS.singleRegion
// and RESET_SCRIPT).
const TWINS = new Map<string, ScriptTwin>([
  ['649206bd18ab739a3bbe805459c7605343351cf9', fixedWindowLimit],
  ['92c3f5bc991eab9794c933f95682494ded579edf', fixedWindowRemaining],
  ['433177fc5bbe571478bf6dff0c2bdc6e3d0a69be', slidingWindowLimit],
  ['209adfca45d535f9fb918f647c11237a97300b8e', slidingWindowRemaining],
  ['35508b8f4c201c56dfd63e52012b34f1a76a8a7a', tokenBucketLimit],
  ['178927d1e18723fecf8c9252a9f62dd59bdbbe5c', tokenBucketRemaining],
  ['aa81929b352a5e00708440e0f939d67a43a9233c', cachedFixedWindowLimit],
  ['4eddfb45c01317b720e7585ccb6d8c596200911f', cachedFixedWindowRemaining],
  ['54bd274ddc59fb3be0f42deee2f64322a10e2b50', resetUsedTokens],
])

export function findScriptTwin(script: string): ScriptTwin | undefined {
  return TWINS.get(sha1Hex(scriptBody(script)))
}
