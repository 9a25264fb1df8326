// The whole local stack in one call: Postgres (embedded, or DATABASE_URL/DIRECT_DATABASE_URL),
// migrations, the Upstash-compatible Redis endpoint (memory, spawned redis-server, or REDIS_URL),
// optionally PgBouncer in front of Postgres. Used by `npm run dev`, the e2e tests and the benchmark.
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type { RedisBackend } from '../redis-rest/backend'
import { createMemoryBackend } from '../redis-rest/memory-backend'
import { createRedisBackend } from '../redis-rest/redis-backend'
import { startRedisRestServer } from '../redis-rest/server'
import { applyMigrations } from '../db/migrate-files'
import { createDatabase, databaseExists, ensureLocalRoles, LOCAL_APP, LOCAL_OWNER, urlFor } from './local-database'
import { startPgBouncer } from './pgbouncer'
import { startPostgres } from './postgres'
import { startRedisServer } from './redis'

export type LocalStackOptions = {
  /** The user's own servers (DATABASE_URL, and DIRECT_DATABASE_URL for migrations): nothing is started. */
  external?: { databaseUrl: string; directDatabaseUrl?: string }
  /** Keep embedded Postgres data here (dev); a throwaway cluster when omitted. */
  dataDir?: string
  postgresPort?: number
  maxConnections?: number
  /** Where Redis data lives behind the REST endpoint. */
  redis: 'memory' | 'server' | { url: string }
  redisRestPort?: number
  pgbouncer?: { poolSize: number }
  log?: (line: string) => void
}

export type LocalStack = {
  /** What the app needs to reach this stack. */
  env: {
    DATABASE_URL: string
    DIRECT_DATABASE_URL: string
    UPSTASH_REDIS_REST_URL: string
    UPSTASH_REDIS_REST_TOKEN: string
  }
  /** Superuser URL of the embedded cluster; null with external servers. */
  adminUrl: string | null
  stop(): Promise<void>
}

export const LOCAL_DATABASE = 'tenantkit'

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => {})
  const stops: (() => Promise<void>)[] = []
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {})
  }
  try {
    const database = options.external ? await useExternalDatabase(options.external, log) : await startEmbeddedDatabase(options, stops, log)
    const backend = await redisBackend(options.redis, stops, log)
    const token = randomBytes(24).toString('base64url')
    const rest = await startRedisRestServer({ port: options.redisRestPort ?? 0, token, backend })
    stops.push(rest.close)
    log(`redis: Upstash-compatible REST endpoint on ${rest.url}`)
    return {
      env: { ...database.env, UPSTASH_REDIS_REST_URL: rest.url, UPSTASH_REDIS_REST_TOKEN: token },
      adminUrl: database.adminUrl,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

type DatabaseEnv = { env: { DATABASE_URL: string; DIRECT_DATABASE_URL: string }; adminUrl: string | null }

async function useExternalDatabase(external: NonNullable<LocalStackOptions['external']>, log: (line: string) => void): Promise<DatabaseEnv> {
  log('postgres: DATABASE_URL from the environment')
  if (external.directDatabaseUrl) {
    const applied = await applyMigrations(external.directDatabaseUrl, { log: () => {} })
    log(applied.length ? `migrations: applied ${applied.join(', ')}` : 'migrations: up to date')
  } else {
    log('migrations: skipped (set DIRECT_DATABASE_URL, the owner role on a direct connection, to apply them)')
  }
  return { env: { DATABASE_URL: external.databaseUrl, DIRECT_DATABASE_URL: external.directDatabaseUrl ?? '' }, adminUrl: null }
}

async function startEmbeddedDatabase(options: LocalStackOptions, stops: (() => Promise<void>)[], log: (line: string) => void): Promise<DatabaseEnv> {
  const postgres = await startPostgres({
    dataDir: options.dataDir ? path.join(options.dataDir, 'postgres') : undefined,
    port: options.postgresPort,
    maxConnections: options.maxConnections,
  })
  stops.push(postgres.stop)
  log(`postgres: embedded, 127.0.0.1:${postgres.port}${options.dataDir ? ` (data in ${path.join(options.dataDir, 'postgres')})` : ''}`)
  await ensureLocalRoles(postgres.adminUrl)
  if (!(await databaseExists(postgres.adminUrl, LOCAL_DATABASE))) await createDatabase(postgres.adminUrl, LOCAL_DATABASE)
  const ownerUrl = urlFor(postgres.adminUrl, LOCAL_OWNER, LOCAL_DATABASE)
  const applied = await applyMigrations(ownerUrl, { log: () => {} })
  log(applied.length ? `migrations: applied ${applied.join(', ')}` : 'migrations: up to date')

  let appPort = postgres.port
  if (options.pgbouncer) {
    const bouncer = await startPgBouncer({ postgresPort: postgres.port, users: [LOCAL_APP], poolSize: options.pgbouncer.poolSize })
    stops.push(bouncer.stop)
    appPort = bouncer.port
    log(`pgbouncer: transaction mode on 127.0.0.1:${bouncer.port}, ${options.pgbouncer.poolSize} server connections`)
  }
  return {
    env: { DATABASE_URL: urlFor(postgres.adminUrl, LOCAL_APP, LOCAL_DATABASE, appPort), DIRECT_DATABASE_URL: ownerUrl },
    adminUrl: postgres.adminUrl,
  }
}

async function redisBackend(redis: LocalStackOptions['redis'], stops: (() => Promise<void>)[], log: (line: string) => void): Promise<RedisBackend> {
  if (redis === 'memory') {
    log('redis: in memory (sessions and limits reset when this process stops; set REDIS_URL to keep them)')
    return createMemoryBackend()
  }
  let url: string
  if (redis === 'server') {
    const server = await startRedisServer()
    stops.push(server.stop)
    url = server.url
  } else {
    url = redis.url
  }
  const backend = createRedisBackend(url)
  stops.push(() => backend.close())
  const ping = await backend.run(['PING'])
  if ('error' in ping) throw new Error(`cannot reach Redis at ${url.replace(/\/\/[^@/]*@/, '//***@')}: ${ping.error}`)
  log(`redis: backed by ${redis === 'server' ? 'a redis-server started for this run' : 'REDIS_URL'}`)
  return backend
}

/** The environment of a production build (`next start`) served on localhost against `stack`. */
export function productionEnv(stack: LocalStack, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...stack.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    APP_URL: `http://localhost:${port}`,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // A local production build must not depend on a third-party API (CI runs offline); the check
    // itself is tested against a local stand-in (modules/users/breached-password.test.ts).
    PASSWORD_BREACH_CHECK: process.env.PASSWORD_BREACH_CHECK ?? 'off',
    ...extra,
  }
}
