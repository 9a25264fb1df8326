// `npm run dev`: the whole app on a fresh machine with nothing configured. Embedded Postgres (data
// in .data/), migrations, demo data once, the local Upstash-compatible Redis endpoint, then Next on
// http://localhost:3000, and the Inngest dev server where it can be fetched (background jobs).
// Set DATABASE_URL / REDIS_URL / UPSTASH_REDIS_REST_URL to use your own servers.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { isListening } from './stack/ports'
import { startLocalStack } from './stack/local-stack'
import { DATA_DIR, loadEnvFiles, localAuthSecret, ROOT } from './dev-env'
import { INNGEST_DEV_PORT, startInngestDevServer, type InngestDevServer } from './dev-inngest'
import { logFormatter } from './dev-log-format'
import { runSeed } from './db/run-seed'

const say = (line: string) => console.log(`[dev] ${line}`)

async function main(): Promise<void> {
  const loaded = loadEnvFiles()
  if (loaded.length) say(`loaded ${loaded.join(', ')}`)
  const port = Number(process.env.PORT ?? 3000)
  if (await isListening(port)) throw new Error(`port ${port} is taken: stop what runs there, or set PORT.`)

  const stack = await startLocalStack({
    external: process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, directDatabaseUrl: process.env.DIRECT_DATABASE_URL } : undefined,
    dataDir: DATA_DIR,
    postgresPort: Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329),
    redis: process.env.REDIS_URL ? { url: process.env.REDIS_URL } : 'memory',
    redisRestPort: Number(process.env.LOCAL_REDIS_REST_PORT ?? 8079),
    log: say,
  })
  const upstash = process.env.UPSTASH_REDIS_REST_URL
    ? { UPSTASH_REDIS_REST_URL: process.env.UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN: process.env.UPSTASH_REDIS_REST_TOKEN ?? '' }
    : {}
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...stack.env,
    ...upstash,
    AUTH_SECRET: process.env.AUTH_SECRET ?? (await localAuthSecret()),
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
    // The Inngest SDK v4 defaults to Inngest Cloud; locally it talks to the dev server.
    INNGEST_DEV: process.env.INNGEST_DEV ?? '1',
  }
  if (upstash.UPSTASH_REDIS_REST_URL) say('redis: UPSTASH_REDIS_REST_URL from the environment')

  await runSeed(env)
  reportOptionalServices(env)
  // Started next to Next, not before it: the first run downloads the CLI, which takes a while.
  const jobs = startJobs(env, port)

  const next = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'dev', '--port', String(port)], {
    cwd: ROOT,
    env,
    stdio: ['inherit', 'pipe', 'pipe'],
  })
  next.stdout.pipe(logFormatter()).pipe(process.stdout)
  next.stderr.pipe(logFormatter()).pipe(process.stderr)

  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    next.kill('SIGTERM')
    await (await jobs)?.stop()
    await stack.stop()
    process.exit(code)
  }
  process.on('SIGINT', () => void shutdown(0))
  process.on('SIGTERM', () => void shutdown(0))
  next.on('exit', (code) => void shutdown(code ?? 0))
}

function reportOptionalServices(env: NodeJS.ProcessEnv): void {
  const off = (name: string, what: string) => say(`${name}: off (${what})`)
  if (!env.SENTRY_DSN) off('sentry', 'set SENTRY_DSN to report errors')
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) off('billing', 'set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET; everyone is on Free')
}

/**
 * Background jobs: an Inngest server named in the environment is used as it is; otherwise the dev
 * server that already answers on :8288, or one started with npx. Resolves to what has to be stopped.
 */
async function startJobs(env: NodeJS.ProcessEnv, port: number): Promise<InngestDevServer | null> {
  const dev = env.INNGEST_DEV?.trim() ?? ''
  if (dev === '0' || dev === 'false') {
    say('background jobs: Inngest Cloud (INNGEST_DEV=0): events need INNGEST_EVENT_KEY')
    return null
  }
  if ((dev && dev !== '1' && dev !== 'true') || env.INNGEST_BASE_URL) {
    say(`background jobs: the Inngest server at ${env.INNGEST_BASE_URL ?? dev} (from the environment)`)
    return null
  }
  const serveUrl = `http://localhost:${port}/api/inngest`
  say(`background jobs: looking for an Inngest dev server on :${INNGEST_DEV_PORT}, else starting one (npx inngest-cli@latest dev -u ${serveUrl})…`)
  const server = await startInngestDevServer({ serveUrl, logFile: path.join(DATA_DIR, 'inngest-dev.log') })
  if (server.status === 'existing') say(`background jobs: using the Inngest dev server already running on :${INNGEST_DEV_PORT} (http://localhost:${INNGEST_DEV_PORT})`)
  if (server.status === 'started') say(`background jobs: Inngest dev server on http://localhost:${INNGEST_DEV_PORT} (log: .data/inngest-dev.log)`)
  if (server.status === 'unavailable') {
    say(`background jobs: OFF. The Inngest dev server could not be started: ${server.reason}`)
    say(
      'background jobs will NOT run. The app keeps working: Stripe webhooks answer 503 (Stripe retries them later), ' +
        'deletions and exports run inside the request instead, and any other event is dropped with a warning in the log. ' +
        `To run jobs, start a dev server yourself (\`npx --ignore-scripts=false inngest-cli@latest dev -u ${serveUrl}\`) ` +
        'wherever it can be fetched; the app finds it on :8288 within 10 s, no restart needed.',
    )
  }
  return server
}

main().catch((error: unknown) => {
  console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
