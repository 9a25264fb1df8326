// `npm run bench`: many more concurrent clients than Postgres allows connections, against a
// production build, through PgBouncer in transaction mode, in one run:
//   - a bare route (GET /api/health): the framework's own cost on this machine;
//   - the tenant-scoped hot path (GET /api/projects): session check in Redis, two rate limits,
//     one withTenant transaction under RLS, the creators lookup.
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

const stack = await startLocalStack({ redis: 'server', maxConnections, pgbouncer: { poolSize: 4 }, log })
let server: ChildProcess | undefined
try {
  const env = productionEnv(stack, port, {
    DATABASE_POOL_MAX: '3',
    // Every request here comes from one user and one IP: scale the limits out of the way, keep their cost.
    RATE_LIMIT_SCALE: '100000',
    LOG_LEVEL: 'warn',
  })
  await runSeed(env)
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

  console.log(`\n| route (${connections} clients, ${duration} s) | req/s | p50 | p95 | p99 | errors |`)
  console.log('|---|---|---|---|---|---|')
  console.log(row('GET /api/health (bare)', bareResult))
  console.log(row('GET /api/projects (tenant-scoped)', tenantResult))
  console.log(`\ntenant-scoped / bare throughput: ${(tenantResult.requestsPerSecond / bareResult.requestsPerSecond).toFixed(2)}`)
  console.log(`status codes: bare ${JSON.stringify(bareResult.statusCounts)}, tenant ${JSON.stringify(tenantResult.statusCounts)}`)
  for (const [name, r] of [['bare', bareResult], ['tenant', tenantResult]] as const) {
    if (r.errors) console.log(`${name} errors: ${JSON.stringify(r.errorMessages)}`)
  }
  process.exitCode = bareResult.errors + tenantResult.errors === 0 ? 0 : 1
} finally {
  server?.kill('SIGTERM')
  if (server) await exited(server)
  await stack.stop()
}
