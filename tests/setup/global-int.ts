// Starts what the integration tests talk to, once per run: a real Postgres (embedded, or
// TEST_DATABASE_URL as a superuser), a real Redis (spawned redis-server, or TEST_REDIS_URL) behind
// the local Upstash REST endpoint, and with TEST_PGBOUNCER=1 a real PgBouncer in transaction mode.
import { randomBytes } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { createRedisBackend } from '@/scripts/redis-rest/redis-backend'
import { startRedisRestServer } from '@/scripts/redis-rest/server'
import { ensureLocalRoles, LOCAL_APP, LOCAL_OWNER } from '@/scripts/stack/local-database'
import { startPgBouncer } from '@/scripts/stack/pgbouncer'
import { startPostgres } from '@/scripts/stack/postgres'
import { startRedisServer } from '@/scripts/stack/redis'
import { dropDatabasesLike, ensureTemplateDatabase } from '@/scripts/stack/template-database'
import { WORKER_DATABASE_PREFIX } from './constants'

export type TestStack = {
  adminUrl: string
  /** Port the app connects to: PgBouncer's when TEST_PGBOUNCER=1, else Postgres's. */
  appPort: number
  pgbouncer: boolean
  redisUrl: string
  redisRestUrl: string
  redisRestToken: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: TestStack
  }
}


export default async function setup(project: TestProject) {
  const stops: (() => Promise<void>)[] = []
  try {
    const external = process.env.TEST_DATABASE_URL
    const postgres = external ? null : await startPostgres({ maxConnections: 200 })
    if (postgres) stops.push(postgres.stop)
    const adminUrl = external ?? postgres!.adminUrl
    await ensureLocalRoles(adminUrl)
    await dropDatabasesLike(adminUrl, WORKER_DATABASE_PREFIX)
    await ensureTemplateDatabase(adminUrl)

    const postgresPort = Number(new URL(adminUrl).port || 5432)
    let appPort = postgresPort
    const pgbouncer = process.env.TEST_PGBOUNCER === '1'
    if (pgbouncer) {
      const bouncer = await startPgBouncer({ postgresPort, users: [LOCAL_APP, LOCAL_OWNER], poolSize: 10 })
      stops.push(bouncer.stop)
      appPort = bouncer.port
    }

    const redisServer = process.env.TEST_REDIS_URL ? null : await startRedisServer()
    if (redisServer) stops.push(redisServer.stop)
    const redisUrl = process.env.TEST_REDIS_URL ?? redisServer!.url
    const backend = createRedisBackend(redisUrl)
    stops.push(() => backend.close())
    const redisRestToken = randomBytes(16).toString('hex')
    const rest = await startRedisRestServer({ token: redisRestToken, backend })
    stops.push(rest.close)

    project.provide('stack', { adminUrl, appPort, pgbouncer, redisUrl, redisRestUrl: rest.url, redisRestToken })
  } catch (error) {
    await stopAll(stops)
    throw error
  }
  return () => stopAll(stops)
}

async function stopAll(stops: (() => Promise<void>)[]) {
  for (const stop of stops.reverse()) await stop().catch(() => {})
}
