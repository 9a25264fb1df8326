// The tenant-scoped hot path, counted: every signed-in API request pays for these round trips, so a
// change that adds one (a session check that asks Postgres, a rate limit that needs a second Redis
// call, a transaction per query) fails here, not in production.
// Billing is on (fake keys; a GET makes no Stripe call), as in production: the API-call quota then
// reads the plan from its Redis cache, the costlier of its two modes.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { GET } from '@/app/api/projects/route'
import { createDb, getDb, setDb, type Db } from '@/lib/db/client'
import { createProject } from '@/modules/projects'
import { createRedis, setRedis } from '@/lib/redis'
import { createRedisBackend } from '@/scripts/redis-rest/redis-backend'
import { startRedisRestServer, type RedisRestServer } from '@/scripts/redis-rest/server'
import { call } from '@/tests/helpers/http'
import { createTestOrganization, sessionCookie } from '@/tests/helpers/tenants'

// Before the first getEnv() of this file.
Object.assign(process.env, { STRIPE_SECRET_KEY: 'sk_test_hot_path', STRIPE_WEBHOOK_SECRET: 'whsec_hot_path' })

const redisRequests: { path: string; commands: string[] }[] = []
let statements = 0
let rest: RedisRestServer
let db: Db
let previousDb: Db

beforeAll(async () => {
  const backend = createRedisBackend(inject('stack').redisUrl)
  rest = await startRedisRestServer({ token: 'hot-path', backend, onRequest: (path, commands) => redisRequests.push({ path, commands }) })
  setRedis(createRedis(rest.url, 'hot-path'))
  previousDb = getDb()
  db = createDb({ connectionString: process.env.DATABASE_URL ?? '', max: 2 })
  db.pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    ;(client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements++
      return query(...args)
    }
  })
  setDb(db)
})

afterAll(async () => {
  setDb(previousDb)
  setRedis(undefined)
  await db.pool.end()
  await rest.close()
})

describe('GET /api/projects', () => {
  it('costs two Redis round trips and one transaction plus one lookup in Postgres', async () => {
    const owner = await createTestOrganization('hot-path')
    await createProject(owner.ctx, { name: 'Counted' })
    const cookie = await sessionCookie(owner)
    expect((await call(GET, '/api/projects', { cookie })).status).toBe(200) // warm: scripts loaded, connections open
    redisRequests.length = 0
    statements = 0

    const response = await call(GET, '/api/projects', { cookie })

    expect(response.status).toBe(200)
    // Session read and both rate limits in one pipeline. Then, once the session has named the tenant,
    // the monthly API-call counter and the cached plan in a second one (ADR 012: the tenant is not
    // known before the session is read; the plan comes from Redis, not Postgres, once cached).
    expect(redisRequests).toEqual([
      { path: '/pipeline', commands: expect.arrayContaining(['getex', 'evalsha', 'evalsha']) },
      { path: '/pipeline', commands: ['incrby', 'expire', 'getex'] },
    ])
    expect(redisRequests[0]?.commands).toHaveLength(3)
    // BEGIN, set_config, select projects, COMMIT; then the creators in one query.
    expect(statements).toBe(5)
  })
})
