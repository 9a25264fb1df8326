// Prisma's own schema engine, compiled to WebAssembly and shipped on npm, so DDL can be generated
// without the native engine that `prisma migrate` downloads (see docs/decisions/003-migrations-offline.md).
// NOTE: the package's entry imports the .wasm file as an ES module, which Node does not support, so
// the bindings are wired up by hand here.
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'

type SchemaFile = { path: string; content: string }
type DiffTarget = { tag: 'empty' } | { tag: 'schemaDatamodel'; files: SchemaFile[] }
type MigrationList = {
  baseDir: string
  lockfile: { path: string; content: string | null }
  shadowDbInitScript: string
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: 'ok'; value: string } } }[]
}
type Engine = {
  applyMigrations(input: {
    migrationsList: MigrationList
    filters: { externalTables: string[]; externalEnums: string[] }
  }): Promise<{ appliedMigrationNames: string[] }>
  diff(params: {
    from: DiffTarget
    to: DiffTarget
    script: boolean
    exitCode: boolean | null
    filters: { externalTables: string[]; externalEnums: string[] }
  }): Promise<{ exitCode: number; stdout: string | null }>
}

const require = createRequire(import.meta.url)

type Bindings = {
  __wbg_set_wasm(exports: WebAssembly.Exports): void
  SchemaEngine: { new: (options: unknown, log: () => void, adapter: unknown) => Promise<Engine> }
}

// NOTE: the bindings keep the wasm instance in module state: instantiate once per process, or an
// engine created earlier ends up calling into a different instance.
let bindingsPromise: Promise<Bindings> | undefined

async function instantiate(): Promise<Bindings> {
  const glue = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
  const bindings = (await import(pathToFileURL(glue).href)) as Bindings
  const bytes = await readFile(path.join(path.dirname(glue), 'schema_engine_bg.wasm'))
  const { instance } = await WebAssembly.instantiate(bytes, {
    './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
  })
  bindings.__wbg_set_wasm(instance.exports)
  ;(instance.exports.__wbindgen_start as () => void)()
  return bindings
}

/** Runs `fn` with an engine connected to `connectionString`, then closes its connections. */
async function withEngine<T>(connectionString: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
  bindingsPromise ??= instantiate()
  const bindings = await bindingsPromise
  const pool = new pg.Pool({ connectionString, max: 2 })
  try {
    const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool))
    const engine = await bindings.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter)
    return await fn(engine)
  } finally {
    await pool.end()
  }
}

/**
 * The SQL Prisma would write to go from `from` (a schema file's text, or nothing) to `to`.
 * The engine opens a connection at start-up, so it needs a reachable Postgres; it reads nothing there.
 */
export async function diffSchemas(connectionString: string, from: string | null, to: string): Promise<string> {
  const target = (content: string): DiffTarget => ({
    tag: 'schemaDatamodel',
    files: [{ path: 'schema.prisma', content }],
  })
  const result = await withEngine(connectionString, (engine) =>
    engine.diff({
      from: from === null ? { tag: 'empty' } : target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    }),
  )
  return result.stdout ?? ''
}

/**
 * Runs Prisma's own `migrate deploy` logic (from the engine's WebAssembly build) against `url`:
 * the proof that migrations recorded by scripts/db/migrate-files.ts look applied to Prisma.
 */
export async function applyMigrationsWithPrismaEngine(url: string, migrationsDir: string): Promise<string[]> {
  const dirs = (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
  const migrationDirectories = await Promise.all(
    dirs.map(async (dir) => ({
      path: dir,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: await readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8') } },
    })),
  )
  const lockfile = { path: 'migration_lock.toml', content: await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8') }
  const result = await withEngine(url, (engine) =>
    engine.applyMigrations({
      migrationsList: { baseDir: migrationsDir, lockfile, shadowDbInitScript: '', migrationDirectories },
      filters: { externalTables: [], externalEnums: [] },
    }),
  )
  return result.appliedMigrationNames
}
