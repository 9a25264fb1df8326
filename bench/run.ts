// `npm run bench`: many more concurrent clients than Postgres allows connections, against a
// production build, through PgBouncer in transaction mode, in one run:
//   - a bare route (GET /api/health): the framework's own cost on this machine;
//   - the tenant-scoped hot path (GET /api/projects): session check in Redis, two rate limits,
//     the API-call quota, one withTenant transaction under RLS, the creators lookup;
//   - Stripe webhook intake (POST /api/webhooks/stripe): signed events with unique ids plus some
//     redeliveries, each verified, routed, recorded once and handed to Inngest (a local stub here).
// Prints requests/s, p50/p95/p99 and errors for each, and their ratio. Exits 1 on any error.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import pg from 'pg'
import { runSeed } from '@/scripts/db/run-seed'
import { LOCAL_DATABASE, productionEnv, startLocalStack } from '@/scripts/stack/local-stack'
import { urlFor } from '@/scripts/stack/local-database'
import type { LoadOptions, LoadResult } from './load'

const root = path.resolve(import.meta.dirname, '..')
const port = Number(process.env.BENCH_PORT ?? 3200)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100)
const duration = Number(process.env.BENCH_SECONDS ?? 20)
// Covers the start-up burst of connections (see bench/load.ts).
const warmup = 12
const maxConnections = Number(process.env.BENCH_MAX_CONNECTIONS ?? 10)
const webhookLightConnections = 10
const log = (line: string) => console.log(`[bench] ${line}`)

function node(args: string[], env: NodeJS.ProcessEnv, stdio: 'inherit' | 'pipe' = 'inherit'): ChildProcess {
  return spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', stdio, 'inherit'] })
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)))
}

async function waitForReady(url: string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((r) => r.ok).catch(() => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not become ready`)
}

async function sessionCookie(adminUrl: string, env: NodeJS.ProcessEnv): Promise<string> {
  const client = new pg.Client({ connectionString: urlFor(adminUrl, { user: 'postgres', password: new URL(adminUrl).password }, LOCAL_DATABASE) })
  await client.connect()
  const { rows } = await client.query<{ id: string }>(`select id from "User" where email = 'owner@demo.test'`)
  await client.end()
  const child = node([path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--import', './scripts/server-only-hook.mjs', 'bench/make-session.ts', rows[0]?.id ?? ''], env, 'pipe')
  let out = ''
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
  if ((await exited(child)) !== 0) throw new Error('could not create a bench session')
  return out.trim()
}

/** The Inngest event API stand-in (bench/inngest-stub.ts), in its own process; resolves to its URL. */
async function startInngestStub(): Promise<{ url: string; child: ChildProcess }> {
  const child = node([path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/inngest-stub.ts'], process.env, 'pipe')
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (c: Buffer) => resolve(c.toString().trim()))
    child.once('exit', () => reject(new Error('the Inngest stub exited')))
  })
  return { url: `http://127.0.0.1:${port}`, child }
}

/** The demo tenant as a Team customer that Stripe's events are routed to (as after a checkout). */
async function makeDemoTenantACustomer(adminUrl: string, customerId: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(adminUrl, { user: 'postgres', password: new URL(adminUrl).password }, LOCAL_DATABASE) })
  await client.connect()
  try {
    await client.query(
      `insert into "BillingAccount" ("tenantId", "stripeCustomerId", plan, interval, status, "currentPeriodEnd", "updatedAt")
       select m."tenantId", $1, 'team', 'month', 'active', now() + interval '30 days', now()
       from "Membership" m join "User" u on u.id = m."userId" where u.email = 'owner@demo.test' limit 1
       on conflict ("tenantId") do update set "stripeCustomerId" = excluded."stripeCustomerId", plan = 'team', status = 'active', "currentPeriodEnd" = excluded."currentPeriodEnd"`,
      [customerId],
    )
  } finally {
    await client.end()
  }
}

type HandOver = { events: number; uniqueIds: number; recorded: number }

/**
 * What reached the Inngest stub against what the database marks as handed off, once the app has
 * finished the requests still in flight when the load stopped (their clients are gone, not them).
 */
async function handOvers(stubUrl: string, adminUrl: string): Promise<HandOver> {
  const client = new pg.Client({ connectionString: urlFor(adminUrl, { user: 'postgres', password: new URL(adminUrl).password }, LOCAL_DATABASE) })
  await client.connect()
  try {
    let last: HandOver | undefined
    for (let attempt = 0; attempt < 20; attempt++) {
      const stub = (await (await fetch(`${stubUrl}/stats`)).json()) as { events: number; uniqueIds: number }
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from "StripeEvent" where "handedOffAt" is not null`)
      const now = { ...stub, recorded: rows[0]?.n ?? 0 }
      if (last && now.uniqueIds === now.recorded && now.recorded === last.recorded) return now
      last = now
      await new Promise((r) => setTimeout(r, 500))
    }
    return last ?? { events: 0, uniqueIds: 0, recorded: 0 }
  } finally {
    await client.end()
  }
}

async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const child = node([path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/load-worker.ts', JSON.stringify(options)], process.env, 'pipe')
  let out = ''
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
  if ((await exited(child)) !== 0) throw new Error('the load generator failed')
  return JSON.parse(out) as LoadResult
}

function row(name: string, r: LoadResult): string {
  const ms = (v: number) => `${v.toFixed(0)} ms`
  return `| ${name} | ${r.requestsPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} |`
}

const WEBHOOK_SECRET = 'whsec_bench_tenantkit'
const CUSTOMER_ID = 'cus_bench_demo'

const stack = await startLocalStack({ redis: 'server', maxConnections, pgbouncer: { poolSize: 4 }, log })
let server: ChildProcess | undefined
let stub: ChildProcess | undefined
try {
  const inngestStub = await startInngestStub()
  stub = inngestStub.child
  const env = productionEnv(stack, port, {
    DATABASE_POOL_MAX: '3',
    // Every request here comes from one user and one IP: scale the limits out of the way, keep their cost.
    RATE_LIMIT_SCALE: '100000',
    LOG_LEVEL: 'warn',
    // Billing on, as in production (the quota reads the plan); no Stripe API call happens in this run.
    STRIPE_SECRET_KEY: 'sk_test_bench',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    // Inngest in cloud mode, its event API replaced by the stub.
    INNGEST_DEV: '0',
    INNGEST_EVENT_KEY: 'bench-event-key',
    INNGEST_BASE_URL: inngestStub.url,
  })
  await runSeed(env)
  await makeDemoTenantACustomer(stack.adminUrl ?? '', CUSTOMER_ID)
  const nextBin = path.join(root, 'node_modules/next/dist/bin/next')
  if (process.env.BENCH_SKIP_BUILD !== '1' && (await exited(node([nextBin, 'build'], env))) !== 0) throw new Error('next build failed')
  server = node([nextBin, 'start', '--port', String(port)], env)
  await waitForReady(`http://localhost:${port}/api/ready`)
  const cookie = await sessionCookie(stack.adminUrl ?? '', env)

  const bare = { url: `http://localhost:${port}/api/health` }
  const tenant = { url: `http://localhost:${port}/api/projects?limit=20`, headers: { cookie } }
  log(`${warmup} s warm-up, then ${duration} s measured per route with ${connections} connections; Postgres max_connections=${maxConnections}, PgBouncer pool 4, app pool 3`)
  const bareResult = await runLoad({ ...bare, connections, warmupSeconds: warmup, durationSeconds: duration })
  const tenantResult = await runLoad({ ...tenant, connections, warmupSeconds: warmup, durationSeconds: duration })
  const webhooks = { url: `http://localhost:${port}/api/webhooks/stripe`, stripeWebhooks: { customerId: CUSTOMER_ID, webhookSecret: WEBHOOK_SECRET, redeliverEvery: 10 } }
  const webhookResult = await runLoad({ ...webhooks, connections, warmupSeconds: warmup, durationSeconds: duration })
  // Stripe delivers with far less concurrency than 100: the acknowledgement time when not queueing.
  const webhookLightResult = await runLoad({ ...webhooks, connections: webhookLightConnections, warmupSeconds: 5, durationSeconds: duration })
  const handed = await handOvers(inngestStub.url, stack.adminUrl ?? '')

  console.log(`\n| route (${connections} clients, ${duration} s) | req/s | p50 | p95 | p99 | errors |`)
  console.log('|---|---|---|---|---|---|')
  console.log(row('GET /api/health (bare)', bareResult))
  console.log(row('GET /api/projects (tenant-scoped)', tenantResult))
  console.log(row('POST /api/webhooks/stripe (signed, 1 in 10 a redelivery)', webhookResult))
  console.log(row(`POST /api/webhooks/stripe, ${webhookLightConnections} clients`, webhookLightResult))
  console.log(`\ntenant-scoped / bare throughput: ${(tenantResult.requestsPerSecond / bareResult.requestsPerSecond).toFixed(2)}`)
  const results = [['bare', bareResult], ['tenant', tenantResult], ['webhooks', webhookResult], ['webhooks-light', webhookLightResult]] as const
  console.log(`status codes: ${results.map(([name, r]) => `${name} ${JSON.stringify(r.statusCounts)}`).join(', ')}`)
  // Whole run, warm-ups included: every distinct event reached the stub and is marked handed off.
  // events > distinct ids only when a redelivery raced its first delivery (harmless: Inngest runs an id once).
  console.log(`webhooks handed to Inngest: ${handed.events} events, ${handed.uniqueIds} distinct ids; StripeEvent rows handed off: ${handed.recorded}`)
  for (const [name, r] of results) {
    if (r.errors) console.log(`${name} errors: ${JSON.stringify(r.errorMessages)}`)
  }
  const lost = handed.uniqueIds !== handed.recorded
  if (lost) console.log('webhooks: the stub and the database disagree on what was handed off')
  process.exitCode = results.every(([, r]) => r.errors === 0) && !lost ? 0 : 1
} finally {
  server?.kill('SIGTERM')
  if (server) await exited(server)
  stub?.kill('SIGTERM')
  await stack.stop()
}
