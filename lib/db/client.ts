import 'server-only'
import { PrismaPg } from '@prisma/adapter-pg'
import { attachDatabasePool } from '@vercel/functions'
import pg from 'pg'
import { getEnv } from '../env'
import { PrismaClient } from './generated/prisma/client'

// Only lib/db/* may import this file: everything else goes through withTenant(), the identity
// client or the named cross-tenant queries (see lib/db/index.ts).

export type Db = { prisma: PrismaClient; pool: pg.Pool }

export type DbOptions = { connectionString: string; max: number }

export function createDb({ connectionString, max }: DbOptions): Db {
  const pool = new pg.Pool({
    connectionString,
    // Small and per instance: many instances times `max` must stay under the pooler's limit.
    max,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 5_000,
    // NOTE: no startup parameters (statement_timeout, options): transaction-mode poolers reject
    // them. withTenant() sets its timeout per transaction instead.
  })
  // NOTE: an idle client that loses its server (restart, pooler recycling) emits 'error' on the pool;
  // without a listener that is an uncaught exception. The next checkout reconnects.
  pool.on('error', () => {})
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
  return { prisma, pool }
}

const globalForDb = globalThis as typeof globalThis & { __tenantkitDb?: Db }

/** The process-wide client, created on first use; survives dev hot reloads. */
export function getDb(): Db {
  if (!globalForDb.__tenantkitDb) {
    const env = getEnv()
    const db = createDb({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX })
    // On Vercel Fluid compute, closes idle connections before an instance is suspended; no-op elsewhere.
    attachDatabasePool(db.pool)
    globalForDb.__tenantkitDb = db
  }
  return globalForDb.__tenantkitDb
}

/** For tests and scripts that point the app at another database. */
export function setDb(db: Db | undefined): void {
  globalForDb.__tenantkitDb = db
}
