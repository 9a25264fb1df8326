// Prisma's own schema engine, compiled to WebAssembly and shipped on npm, so DDL can be generated
// without the native engine that `prisma migrate` downloads (see docs/decisions/003-migrations-offline.md).
// NOTE: the package's entry imports the .wasm file as an ES module, which Node does not support, so
// the bindings are wired up by hand here.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { PrismaPg } from '@prisma/adapter-pg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'

type SchemaFile = { path: string; content: string }
type DiffTarget = { tag: 'empty' } | { tag: 'schemaDatamodel'; files: SchemaFile[] }
type Engine = {
  diff(params: {
    from: DiffTarget
    to: DiffTarget
    script: boolean
    exitCode: boolean | null
    filters: { externalTables: string[]; externalEnums: string[] }
  }): Promise<{ exitCode: number; stdout: string | null }>
}

const require = createRequire(import.meta.url)

async function loadEngine(connectionString: string): Promise<Engine> {
  const glue = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
  const bindings = (await import(pathToFileURL(glue).href)) as Record<string, unknown> & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void
    SchemaEngine: { new: (options: unknown, log: () => void, adapter: unknown) => Promise<Engine> }
  }
  const bytes = await readFile(path.join(path.dirname(glue), 'schema_engine_bg.wasm'))
  const { instance } = await WebAssembly.instantiate(bytes, {
    './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
  })
  bindings.__wbg_set_wasm(instance.exports)
  ;(instance.exports.__wbindgen_start as () => void)()
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }))
  return bindings.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter)
}

/**
 * The SQL Prisma would write to go from `from` (a schema file's text, or nothing) to `to`.
 * The engine opens a connection at start-up, so it needs a reachable Postgres; it reads nothing there.
 */
export async function diffSchemas(connectionString: string, from: string | null, to: string): Promise<string> {
  const engine = await loadEngine(connectionString)
  const target = (content: string): DiffTarget => ({
    tag: 'schemaDatamodel',
    files: [{ path: 'schema.prisma', content }],
  })
  const result = await engine.diff({
    from: from === null ? { tag: 'empty' } : target(from),
    to: target(to),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  })
  return result.stdout ?? ''
}
