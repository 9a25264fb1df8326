// `npm run db:migrate`: applies prisma/migrations offline, recorded exactly as `prisma migrate deploy`
// records them. Uses DIRECT_DATABASE_URL (the owner role, direct connection); without it, the
// embedded development database in .data/.
import { applyMigrations } from './migrate-files'
import { loadEnvFiles, DATA_DIR } from '../dev-env'
import { startLocalStack } from '../stack/local-stack'

loadEnvFiles()
const url = process.env.DIRECT_DATABASE_URL
try {
  if (url) {
    const applied = await applyMigrations(url)
    console.log(applied.length ? `db:migrate: applied ${applied.length}` : 'db:migrate: up to date')
  } else {
    // Starting the local stack migrates the embedded database.
    const stack = await startLocalStack({ dataDir: DATA_DIR, redis: 'memory', log: (l) => console.log(`db:migrate: ${l}`) })
    await stack.stop()
  }
} catch (error) {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
