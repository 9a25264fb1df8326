// A real PgBouncer in transaction mode (Debian's `pgbouncer` package) in front of a Postgres: the
// integration suite runs through it once, so code that leaks session state (a session-level SET,
// a prepared statement that outlives its transaction) fails in CI and not in production.
import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { freePort } from './ports'
import { stopProcess } from './postgres'
import { databaseProcessUser, handOver } from './run-as'

export type PgBouncer = { port: number; stop(): Promise<void> }

export type PgBouncerOptions = {
  postgresPort: number
  /** Users allowed through, with the passwords PgBouncer uses to log in to Postgres for them. */
  users: { user: string; password: string }[]
  /** Server connections per database/user pair: keep it below Postgres's max_connections. */
  poolSize?: number
  maxClientConnections?: number
}

export function findPgBouncerBinary(): string | null {
  for (const dir of ['/usr/sbin', '/usr/bin', ...(process.env.PATH ?? '').split(path.delimiter)]) {
    const candidate = path.join(dir, 'pgbouncer')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // keep looking
    }
  }
  return null
}

export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const binary = findPgBouncerBinary()
  if (!binary) throw new Error('pgbouncer is not installed: `sudo apt-get install pgbouncer` (Debian/Ubuntu) or `brew install pgbouncer`.')
  const runAs = databaseProcessUser()
  const dir = await mkdtemp(path.join(tmpdir(), 'tenantkit-pgbouncer-'))
  await handOver(dir, runAs)
  const port = await freePort()
  const userlist = options.users.map(({ user, password }) => `"${user}" "${password}"`).join('\n')
  const ini = `[databases]
* = host=127.0.0.1 port=${options.postgresPort}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = plain
auth_file = ${path.join(dir, 'userlist.txt')}
pool_mode = transaction
default_pool_size = ${options.poolSize ?? 10}
max_client_conn = ${options.maxClientConnections ?? 1000}
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = ${path.join(dir, 'pgbouncer.log')}
pidfile = ${path.join(dir, 'pgbouncer.pid')}
`
  for (const [name, content] of [['userlist.txt', userlist], ['pgbouncer.ini', ini]] as const) {
    await writeFile(path.join(dir, name), content, { mode: 0o600 })
    await handOver(path.join(dir, name), runAs)
  }
  const child = spawn(binary, [path.join(dir, 'pgbouncer.ini')], { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
  await waitForBouncer(port, options.users[0], () => (child.exitCode !== null ? output : null))
  return {
    port,
    async stop() {
      await stopProcess(child, 'SIGTERM')
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function waitForBouncer(port: number, user: { user: string; password: string } | undefined, exited: () => string | null) {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const failure = exited()
    if (failure !== null) throw new Error(`pgbouncer exited:\n${failure}`)
    // The admin console answers as soon as PgBouncer listens, before any server connection exists.
    const client = new pg.Client({ host: '127.0.0.1', port, database: 'pgbouncer', user: user?.user, password: user?.password })
    try {
      await client.connect()
      return
    } catch (error) {
      // "not allowed" from the admin console still proves it is up.
      if (/not allowed|no such user/i.test(String(error))) return
      await new Promise((r) => setTimeout(r, 100))
    } finally {
      await client.end().catch(() => {})
    }
  }
  throw new Error('pgbouncer did not start within 15 s')
}
