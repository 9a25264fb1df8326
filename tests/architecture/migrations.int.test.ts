// The migrations and schema.prisma describe the same database, and Prisma agrees the offline runner
// applied them: a user's `prisma migrate dev` / `migrate deploy` must find no drift and nothing to redo.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { inject } from 'vitest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from '@/scripts/db/migrate-files'
import { applyMigrationsWithPrismaEngine, diffSchemas } from '@/scripts/db/schema-engine'
import { createDatabase, dropDatabase, LOCAL_OWNER, urlFor } from '@/scripts/stack/local-database'
import { withClient } from '@/tests/helpers/sql'

const stack = inject('stack')
const suffix = process.env.VITEST_POOL_ID ?? '0'
const fromPrisma = `tenantkit_prisma_ddl_${suffix}`
const fromMigrations = `tenantkit_migrations_${suffix}`
const ownerUrl = (db: string) => urlFor(stack.adminUrl, LOCAL_OWNER, db)
const adminUrl = (db: string) => urlFor(stack.adminUrl, { user: 'postgres', password: new URL(stack.adminUrl).password }, db)

beforeAll(async () => {
  for (const db of [fromPrisma, fromMigrations]) {
    await dropDatabase(stack.adminUrl, db)
    await createDatabase(stack.adminUrl, db)
  }
})

afterAll(async () => {
  for (const db of [fromPrisma, fromMigrations]) await dropDatabase(stack.adminUrl, db)
})

/** Tables, columns, indexes, constraints and enums of `public`, as comparable text. */
async function describeSchema(db: string): Promise<Record<string, string[]>> {
  return withClient(adminUrl(db), async (client) => {
    const q = async (sql: string) => (await client.query<{ d: string }>(sql)).rows.map((r) => r.d)
    return {
      columns: await q(`select table_name || '.' || column_name || ' ' || data_type || coalesce('(' || datetime_precision || ')', '') || ' ' || is_nullable || ' ' || coalesce(column_default, '-') as d
        from information_schema.columns where table_schema = 'public' and table_name <> '_prisma_migrations' order by 1`),
      indexes: await q(`select indexname || ': ' || indexdef as d from pg_indexes where schemaname = 'public' and tablename <> '_prisma_migrations' order by 1`),
      constraints: await q(`select conrelid::regclass || ' ' || conname || ': ' || pg_get_constraintdef(oid) as d from pg_constraint
        where connamespace = 'public'::regnamespace and conrelid::regclass::text <> '_prisma_migrations' order by 1`),
      enums: await q(`select t.typname || ': ' || string_agg(e.enumlabel, ',' order by e.enumsortorder) as d from pg_type t
        join pg_enum e on e.enumtypid = t.oid group by t.typname order by 1`),
    }
  })
}

describe('migrations', () => {
  it('build exactly the schema Prisma generates from schema.prisma (no drift)', async () => {
    const schema = await readFile(path.resolve(MIGRATIONS_DIR, '../schema.prisma'), 'utf8')
    const ddl = await diffSchemas(adminUrl(fromPrisma), null, schema)
    await withClient(ownerUrl(fromPrisma), (client) => client.query(ddl))
    await applyMigrations(ownerUrl(fromMigrations), { log: () => {} })
    const expected = await describeSchema(fromPrisma)
    expect(expected.columns?.length).toBeGreaterThan(20)
    expect(await describeSchema(fromMigrations)).toEqual(expected)
  })

  it('are recorded like `prisma migrate deploy` records them, so Prisma finds nothing to apply', async () => {
    const applied = await withClient(adminUrl(fromMigrations), async (client) =>
      (await client.query('select migration_name, checksum, finished_at, applied_steps_count from "_prisma_migrations" order by 1')).rows,
    )
    const files = await readMigrations()
    expect(applied).toEqual(
      files.map((m) => ({ migration_name: m.name, checksum: createHash('sha256').update(m.sql).digest('hex'), finished_at: expect.any(Date), applied_steps_count: 1 })),
    )
    expect(await applyMigrationsWithPrismaEngine(ownerUrl(fromMigrations), MIGRATIONS_DIR)).toEqual([])
  })

  it('apply nothing twice', async () => {
    expect(await applyMigrations(ownerUrl(fromMigrations), { log: () => {} })).toEqual([])
  })
})
