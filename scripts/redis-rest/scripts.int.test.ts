// EVAL / EVALSHA / SCRIPT LOAD through the endpoint against a real Redis, including the
// client's EVALSHA (named by the SHA1 of the flagged script) after the endpoint restarts.
import { Ratelimit } from '@upstash/ratelimit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RedisServer } from '../stack/redis'
import { sha1Hex } from './lua-shebang'
import { client, startEndpoint, startTestRedis, uniquePrefix, type Endpoint } from './test-endpoints'

let redis: RedisServer
let endpoint: Endpoint
const p = uniquePrefix('scripts')

beforeAll(async () => {
  redis = await startTestRedis()
  endpoint = await startEndpoint('redis', redis.url)
})
afterAll(async () => {
  await endpoint?.close()
  await redis?.stop()
})

// Unique per run so a shared REDIS_URL cannot already hold it.
const flagged = `#!lua flags=allow-key-locking\nreturn {KEYS[1], ARGV[1], ${Date.now()}}`

describe('scripts with the Upstash-only flag', () => {
  it('EVAL runs them (real Redis would refuse the flag)', async () => {
    const c = client(endpoint.url)
    expect(await c.eval(flagged, [`${p}k`], ['v'])).toEqual([`${p}k`, 'v', expect.any(Number)])
  })

  it('EVALSHA of the original SHA works once EVAL taught the endpoint the pair', async () => {
    const c = client(endpoint.url)
    await c.eval(flagged, [`${p}k`], ['a'])
    expect(await c.evalsha(sha1Hex(flagged), [`${p}k`], ['b'])).toEqual([`${p}k`, 'b', expect.any(Number)])
    expect(await c.scriptExists(sha1Hex(flagged))).toEqual([1])
  })

  it('SCRIPT LOAD answers with the SHA1 of the script the client sent', async () => {
    const c = client(endpoint.url)
    const script = '#!lua flags=allow-key-locking\nreturn 7'
    expect(await c.scriptLoad(script)).toBe(sha1Hex(script))
    expect(await c.evalsha(sha1Hex(script), [], [])).toBe(7)
  })

  it('keeps the other flags: a no-writes script still may not write', async () => {
    const c = client(endpoint.url)
    const script = `#!lua flags=no-writes,allow-key-locking\nreturn redis.call('SET', KEYS[1], 'x')`
    await expect(c.eval(script, [`${p}w`], [])).rejects.toThrow(/Write commands are not allowed from read-only scripts/)
  })

  it('gives Redis’s NOSCRIPT for an unknown SHA', async () => {
    await expect(client(endpoint.url).evalsha('f'.repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/)
  })

  it('recovers after an endpoint restart: NOSCRIPT, then EVAL, then EVALSHA again', async () => {
    const c = client(endpoint.url)
    const ratelimit = new Ratelimit({
      redis: c,
      limiter: Ratelimit.tokenBucket(1, '60 s', 5),
      prefix: uniquePrefix('restart'),
      ephemeralCache: false,
      timeout: 0,
    })
    expect((await ratelimit.limit('u')).remaining).toBe(4)
    await c.eval(flagged, [`${p}k`], ['before'])

    // Same URL, new endpoint process state: the SHA map is gone, Redis keeps its data.
    const oldUrl = endpoint.url
    await endpoint.close()
    endpoint = await startEndpoint('redis', redis.url, Number(new URL(oldUrl).port))
    expect(endpoint.url).toBe(oldUrl)

    await expect(c.evalsha(sha1Hex(flagged), [`${p}k`], ['after'])).rejects.toThrow(/NOSCRIPT/)
    expect((await ratelimit.limit('u')).remaining).toBe(3)
    expect((await ratelimit.limit('u')).remaining).toBe(2)
    await c.eval(flagged, [`${p}k`], ['again'])
    expect(await c.evalsha(sha1Hex(flagged), [`${p}k`], ['after'])).toEqual([`${p}k`, 'after', expect.any(Number)])
  })
})
