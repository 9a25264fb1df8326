// A migrated database that test databases are copied from (CREATE DATABASE ... TEMPLATE): copying
// takes milliseconds, migrating takes seconds. Rebuilt only when the migrations change.
import pg from 'pg'
import { applyMigrations, migrationsFingerprint, readMigrations } from '../db/migrate-files'
import { createDatabase, dropDatabase, LOCAL_OWNER, urlFor, withPgClient } from './local-database'

export const TEMPLATE_DATABASE = 'tenantkit_template'

export async function ensureTemplateDatabase(adminUrl: string): Promise<void> {
  const fingerprint = migrationsFingerprint(await readMigrations())
  const current = await withPgClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ description: string }>(
      `select d.description from pg_shdescription d join pg_database db on d.objoid = db.oid where db.datname = $1`,
      [TEMPLATE_DATABASE],
    )
    return rows[0]?.description ?? null
  })
  if (current === fingerprint) return
  await dropDatabase(adminUrl, TEMPLATE_DATABASE)
  await createDatabase(adminUrl, TEMPLATE_DATABASE)
  await applyMigrations(urlFor(adminUrl, LOCAL_OWNER, TEMPLATE_DATABASE), { log: () => {} })
  await withPgClient(adminUrl, (client) =>
    client.query(`COMMENT ON DATABASE ${pg.escapeIdentifier(TEMPLATE_DATABASE)} IS ${pg.escapeLiteral(fingerprint)}`),
  )
}

/** Drops every database whose name starts with `prefix` (left over from an earlier run). */
export async function dropDatabasesLike(adminUrl: string, prefix: string): Promise<void> {
  const names = await withPgClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix])
    return rows.map((r) => r.datname)
  })
  for (const name of names) await dropDatabase(adminUrl, name)
}

/** A fresh copy of the template, unless one by that name exists already. */
export async function ensureDatabaseFromTemplate(adminUrl: string, name: string): Promise<void> {
  const exists = await withPgClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name])
    return Boolean(rowCount)
  })
  if (exists) return
  await createDatabase(adminUrl, name, TEMPLATE_DATABASE).catch((error: unknown) => {
    // Another process created it between the check and now: same outcome.
    const code = (error as { code?: string }).code
    if (code !== '42P04' && code !== '23505') throw error
  })
}
