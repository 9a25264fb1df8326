// The commands server-side sessions need, through @upstash/redis, against both backends: the
// in-memory one has to give the same answers as the real Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RedisServer } from '../stack/redis'
import { client, startEndpoint, startTestRedis, uniquePrefix, type BackendKind, type Endpoint } from './test-endpoints'

let redis: RedisServer
beforeAll(async () => {
  redis = await startTestRedis()
})
afterAll(async () => {
  await redis?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.each<BackendKind>(['redis', 'memory'])('session commands on the %s backend', (kind) => {
  let endpoint: Endpoint
  const p = uniquePrefix(`sessions-${kind}`)
  beforeAll(async () => {
    endpoint = await startEndpoint(kind, redis.url)
  })
  afterAll(async () => {
    await endpoint?.close()
  })

  it('stores a session with EX and slides its expiry with GETEX', async () => {
    const c = client(endpoint.url)
    const session = { userId: 'u1', tenantId: 't1', createdAt: 1700000000000 }
    expect(await c.set(`${p}s1`, session, { ex: 60 })).toBe('OK')
    const ttl = await c.pttl(`${p}s1`)
    expect(ttl).toBeGreaterThan(58_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
    expect(await c.getex(`${p}s1`, { ex: 3600 })).toEqual(session)
    expect(await c.pttl(`${p}s1`)).toBeGreaterThan(3_590_000)
    expect(await c.ttl(`${p}s1`)).toBeGreaterThan(3_590)
  })

  it('honours NX and PX, and expires keys', async () => {
    const c = client(endpoint.url)
    expect(await c.set(`${p}nx`, 'first', { nx: true })).toBe('OK')
    expect(await c.set(`${p}nx`, 'second', { nx: true })).toBeNull()
    expect(await c.get(`${p}nx`)).toBe('first')
    expect(await c.set(`${p}px`, 'short', { px: 80 })).toBe('OK')
    expect(await c.get(`${p}px`)).toBe('short')
    await sleep(150)
    expect(await c.get(`${p}px`)).toBeNull()
    expect(await c.pttl(`${p}px`)).toBe(-2)
  })

  it('deletes, expires and reports TTLs', async () => {
    const c = client(endpoint.url)
    await c.set(`${p}d1`, 'a')
    await c.set(`${p}d2`, 'b')
    expect(await c.pttl(`${p}d1`)).toBe(-1)
    expect(await c.expire(`${p}d1`, 30)).toBe(1)
    expect(await c.pttl(`${p}d1`)).toBeGreaterThan(29_000)
    expect(await c.expire(`${p}missing`, 30)).toBe(0)
    expect(await c.del(`${p}d1`, `${p}d2`, `${p}missing`)).toBe(2)
    expect(await c.exists(`${p}d1`, `${p}d2`)).toBe(0)
  })

  it('keeps a user’s session ids in a set', async () => {
    const c = client(endpoint.url)
    expect(await c.sadd(`${p}user:u1`, 'sa', 'sb', 'sc')).toBe(3)
    expect(await c.sadd(`${p}user:u1`, 'sa')).toBe(0)
    expect(await c.srem(`${p}user:u1`, 'sb', 'nope')).toBe(1)
    expect((await c.smembers(`${p}user:u1`)).sort()).toEqual(['sa', 'sc'])
    expect(await c.srem(`${p}user:u1`, 'sa', 'sc')).toBe(2)
    expect(await c.exists(`${p}user:u1`)).toBe(0)
  })

  it('counts with INCR and INCRBY, keeping the expiry', async () => {
    const c = client(endpoint.url)
    expect(await c.incr(`${p}n`)).toBe(1)
    expect(await c.expire(`${p}n`, 100)).toBe(1)
    expect(await c.incrby(`${p}n`, 41)).toBe(42)
    expect(await c.ttl(`${p}n`)).toBeGreaterThan(90)
    await c.set(`${p}text`, 'abc')
    await expect(c.incr(`${p}text`)).rejects.toThrow(/ERR value is not an integer or out of range/)
  })

  it('stores hashes and sorted sets', async () => {
    const c = client(endpoint.url)
    expect(await c.hset(`${p}h`, { ip: '127.0.0.1', ua: 'vitest', n: 3 })).toBe(3)
    expect(await c.hgetall(`${p}h`)).toEqual({ ip: '127.0.0.1', ua: 'vitest', n: 3 })
    expect(await c.zadd(`${p}z`, { score: 2, member: 'b' }, { score: 1, member: 'a' }, { score: 3, member: 'c' })).toBe(3)
    expect(await c.zrange(`${p}z`, 0, -1)).toEqual(['a', 'b', 'c'])
    expect(await c.zrange(`${p}z`, 0, 1, { withScores: true })).toEqual(['a', 1, 'b', 2])
    expect(await c.zrange(`${p}z`, 2, '+inf', { byScore: true })).toEqual(['b', 'c'])
    await expect(c.sadd(`${p}h`, 'x')).rejects.toThrow(/WRONGTYPE/)
  })

  it('finds keys with SCAN MATCH', async () => {
    const c = client(endpoint.url)
    const keys = [`${p}scan:1`, `${p}scan:2`, `${p}scan:3`]
    for (const key of keys) await c.set(key, 1)
    const found: string[] = []
    let cursor: string | number = 0
    do {
      const [next, batch]: [string, string[]] = await c.scan(cursor, { match: `${p}scan:*`, count: 100 })
      found.push(...batch)
      cursor = next
    } while (String(cursor) !== '0')
    expect(found.sort()).toEqual(keys)
  })

  it('runs EVALSHA after SCRIPT LOAD of an Upstash-flagged script', async () => {
    const c = client(endpoint.url)
    // The memory backend only knows the ratelimit scripts; its own test (ratelimit) covers EVALSHA
    // there, so here only a real Redis runs an arbitrary script.
    if (kind === 'memory') {
      await expect(c.eval('return 1', [], [])).rejects.toThrow(/set REDIS_URL/)
      return
    }
    const sha = await c.scriptLoad('#!lua flags=allow-key-locking\nreturn ARGV[1]')
    expect(await c.evalsha(sha, [], ['hi'])).toBe('hi')
  })
})
