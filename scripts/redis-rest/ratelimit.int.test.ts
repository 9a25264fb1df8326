// @upstash/ratelimit 2.2.0 against the endpoint: its scripts carry the Upstash-only
// `allow-key-locking` flag, which real Redis refuses unless the endpoint strips it.
import { Ratelimit } from '@upstash/ratelimit'
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

const WINDOW_MS = 60_000

/** Fixed windows restart at multiples of the window; a test straddling one would see a reset. */
async function awayFromWindowEdge(): Promise<void> {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS)
  if (left < 2_000) await new Promise((resolve) => setTimeout(resolve, left + 50))
}

const limiters = {
  slidingWindow: () => Ratelimit.slidingWindow(3, '60 s'),
  fixedWindow: () => Ratelimit.fixedWindow(3, '60 s'),
  tokenBucket: () => Ratelimit.tokenBucket(1, '60 s', 3),
}

describe.each<BackendKind>(['redis', 'memory'])('@upstash/ratelimit 2.2 on the %s backend', (kind) => {
  let endpoint: Endpoint
  beforeAll(async () => {
    endpoint = await startEndpoint(kind, redis.url)
  })
  afterAll(async () => {
    await endpoint?.close()
  })

  for (const [name, limiter] of Object.entries(limiters)) {
    it(`${name} allows 3 then blocks, and resets`, async () => {
      const ratelimit = new Ratelimit({
        redis: client(endpoint.url),
        limiter: limiter(),
        prefix: uniquePrefix(`rl-${name}`),
        // Both would let a request through without asking Redis; this test must see Redis's answer.
        ephemeralCache: false,
        timeout: 0,
      })
      await awayFromWindowEdge()
      const results = []
      for (let i = 0; i < 4; i++) results.push(await ratelimit.limit('user-1'))
      expect(results.map((r) => r.success)).toEqual([true, true, true, false])
      expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0])
      expect(results.every((r) => r.limit === 3 && r.reason === undefined)).toBe(true)
      expect(results[3]?.reset).toBeGreaterThan(Date.now())

      // Another identifier has its own budget.
      expect((await ratelimit.limit('user-2')).remaining).toBe(2)
      expect((await ratelimit.getRemaining('user-1')).remaining).toBe(0)
      await ratelimit.resetUsedTokens('user-1')
      expect((await ratelimit.getRemaining('user-1')).remaining).toBe(3)
      expect((await ratelimit.limit('user-1')).success).toBe(true)
    })
  }

  it('applies a dynamic limit stored in Redis', async () => {
    const ratelimit = new Ratelimit({
      redis: client(endpoint.url),
      limiter: Ratelimit.fixedWindow(5, '60 s'),
      prefix: uniquePrefix('rl-dynamic'),
      ephemeralCache: false,
      timeout: 0,
      dynamicLimits: true,
    })
    await ratelimit.setDynamicLimit({ limit: 1 })
    await awayFromWindowEdge()
    expect((await ratelimit.limit('u')).success).toBe(true)
    const blocked = await ratelimit.limit('u')
    expect(blocked).toMatchObject({ success: false, limit: 1 })
  })
})
