// `npm run db:seed`: demo data (idempotent). With DATABASE_URL and UPSTASH_REDIS_REST_URL set it
// seeds those; otherwise the embedded development database in .data/.
import { DATA_DIR, loadEnvFiles, localAuthSecret } from '../dev-env'
import { startLocalStack } from '../stack/local-stack'
import { runSeed } from './run-seed'

loadEnvFiles()
const env: NodeJS.ProcessEnv = { ...process.env, AUTH_SECRET: process.env.AUTH_SECRET ?? (await localAuthSecret()) }
const own = Boolean(env.DATABASE_URL && env.UPSTASH_REDIS_REST_URL)
const stack = own ? null : await startLocalStack({ dataDir: DATA_DIR, redis: 'memory', log: (l) => console.log(`db:seed: ${l}`) })
try {
  await runSeed({ ...env, ...stack?.env })
} catch (error) {
  console.error(`db:seed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await stack?.stop()
}
