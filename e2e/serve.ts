// The server the e2e tests run against: a production build (`next build` + `next start`, twice) on
// a throwaway stack: embedded Postgres, a real redis-server behind the local Upstash endpoint, demo
// data, a fake Stripe with its hosted Checkout page, and the local jobs runner standing in for the
// Inngest dev server (docs/decisions/011-local-jobs-runner.md), so background jobs run for real.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { writeFile } from 'node:fs/promises'
import { runSeed } from '@/scripts/db/run-seed'
import { startJobsRunner } from '@/scripts/jobs-runner/server'
import { productionEnv, startLocalStack } from '@/scripts/stack/local-stack'
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET } from '@/tests/helpers/fake-stripe'
import { startFakeStripeCheckout } from '@/tests/helpers/fake-stripe-checkout'
import { E2E_PRICES, E2E_STACK_FILE, type E2EStack } from './stack-file'

const root = path.resolve(import.meta.dirname, '..')
const port = Number(process.env.E2E_PORT ?? 3100)
const appUrl = `http://localhost:${port}`
const nextBin = path.join(root, 'node_modules/next/dist/bin/next')
const log = (line: string) => console.log(`[e2e] ${line}`)

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { cwd: root, env, stdio: 'inherit' })
}

function finished(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next ${child.spawnargs[2]} exited with ${code}`)))),
  )
}

async function waitUntilReady(url: string): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    const status = await fetch(url).then((r) => r.status, () => 0)
    if (status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`${url} did not answer 200 within 120 s`)
}

const stack = await startLocalStack({ redis: 'server', log })
const runner = await startJobsRunner({ apps: [`${appUrl}/api/inngest`], log: (line) => log(`jobs: ${line}`) })
const checkout = await startFakeStripeCheckout({ webhookUrl: `${appUrl}/api/webhooks/stripe` })
const stackInfo: E2EStack = { url: stack.env.UPSTASH_REDIS_REST_URL, token: stack.env.UPSTASH_REDIS_REST_TOKEN, jobsUrl: runner.url }
await writeFile(E2E_STACK_FILE, JSON.stringify(stackInfo))
const env = productionEnv(stack, port, {
  // The SDK's dev mode with the runner's URL: events go to it, and it calls /api/inngest back.
  INNGEST_DEV: runner.url,
  STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
  STRIPE_API_BASE: checkout.stripe.url,
  ...E2E_PRICES,
})
let server: ChildProcess | undefined
let second: ChildProcess | undefined
const stop = async () => {
  server?.kill('SIGTERM')
  second?.kill('SIGTERM')
  await Promise.allSettled([runner.close(), checkout.close()])
  await stack.stop()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())

try {
  await runSeed(env)
  if (process.env.E2E_SKIP_BUILD !== '1') await finished(run(['build'], env))
  server = run(['start', '--port', String(port)], env)
  // A second instance of the same build on the same Postgres and Redis: sessions and rate limits
  // must be shared (e2e/two-instances.spec.ts).
  second = run(['start', '--port', String(port + 1)], env)
  server.on('exit', (code) => {
    log(`next start exited with ${code}`)
    void stop()
  })
  // Sync as the Inngest dev server does when it finds an app; a broken /api/inngest shows here.
  await waitUntilReady(`${appUrl}/api/ready`)
  await runner.sync()
} catch (error) {
  log(error instanceof Error ? error.message : String(error))
  server?.kill('SIGTERM')
  second?.kill('SIGTERM')
  await Promise.allSettled([runner.close(), checkout.close()])
  await stack.stop()
  process.exit(1)
}
