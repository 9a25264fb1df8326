// Applies prisma/migrations/* the way `prisma migrate deploy` does and records them in the same
// `_prisma_migrations` table with the same checksum (sha256 of migration.sql), so Prisma's own
// commands later see them as applied. See docs/decisions/003-migrations-offline.md.
import { createHash, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations')

// Prisma takes this advisory lock around migrations; taking the same one keeps the two exclusive.
const PRISMA_ADVISORY_LOCK = 72707369

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`

export type Migration = { name: string; sql: string; checksum: string }

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const names = entries.filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'migration.sql')))
  const migrations = await Promise.all(
    names.map(async ({ name }) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    }),
  )
  return migrations.sort((a, b) => a.name.localeCompare(b.name))
}

/** A fingerprint of all migrations, to tell whether a database built from them is current. */
export function migrationsFingerprint(migrations: Migration[]): string {
  return createHash('sha256').update(migrations.map((m) => `${m.name}:${m.checksum}`).join('\n')).digest('hex')
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }

/**
 * Applies the pending migrations with the owner role's direct URL. Each migration runs in its own
 * transaction together with its record, so a failure leaves nothing half-applied and can be rerun.
 */
export async function applyMigrations(
  ownerUrl: string,
  { dir = MIGRATIONS_DIR, log = (line: string) => console.log(line) } = {},
): Promise<string[]> {
  const migrations = await readMigrations(dir)
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK])
    await client.query(CREATE_MIGRATIONS_TABLE)
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    )
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null)
    if (failed) {
      throw new Error(
        `Migration ${failed.migration_name} failed earlier and is not resolved. ` +
          `Fix the database, then run \`npx prisma migrate resolve --applied ${failed.migration_name}\` (or --rolled-back).`,
      )
    }
    const applied = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r]))
    const done: string[] = []
    for (const migration of migrations) {
      const previous = applied.get(migration.name)
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          log(`warning: ${migration.name} was edited after it was applied (checksum differs).`)
        }
        continue
      }
      await applyOne(client, migration)
      log(`applied ${migration.name}`)
      done.push(migration.name)
    }
    return done
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]).catch(() => {})
    await client.end()
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  await client.query('BEGIN')
  try {
    const id = randomUUID()
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
      [id, migration.checksum, migration.name],
    )
    await client.query(migration.sql)
    await client.query(
      'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
      [id],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, {
      cause: error,
    })
  }
}
