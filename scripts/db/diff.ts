// `npm run db:diff -- <old schema file>`: prints the SQL Prisma would generate to go from the old
// schema to prisma/schema.prisma, offline (Prisma's engine as WebAssembly). Paste it into a new
// prisma/migrations/<timestamp>_<name>/migration.sql and add the tenancy block for new tenant tables.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { startPostgres } from '../stack/postgres'
import { diffSchemas } from './schema-engine'

const oldFile = process.argv[2]
const next = await readFile(path.resolve(import.meta.dirname, '../../prisma/schema.prisma'), 'utf8')
const previous = oldFile ? await readFile(oldFile, 'utf8') : null
// The engine needs a reachable Postgres to start; a throwaway one is enough, it reads nothing.
const server = process.env.DIRECT_DATABASE_URL ? null : await startPostgres()
try {
  process.stdout.write(await diffSchemas(process.env.DIRECT_DATABASE_URL ?? server!.adminUrl, previous, next))
} finally {
  await server?.stop()
}
