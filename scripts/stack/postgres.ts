// A real Postgres started from the binaries in node_modules: the default database of `npm run dev`,
// the tests and the benchmark, so none of them needs Docker or a system install.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { findPostgresBinaries } from './postgres-binaries'
import { freePort } from './ports'
import { databaseProcessUser, handOver } from './run-as'

export type PostgresServer = {
  /** Superuser URL (user `postgres`). */
  adminUrl: string
  port: number
  stop(): Promise<void>
}

export type PostgresOptions = {
  /** Keep data here across runs; a fresh temporary cluster when omitted. */
  dataDir?: string
  port?: number
  maxConnections?: number
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>
  log?: (line: string) => void
}

const SUPERUSER_PASSWORD = 'postgres'

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const runAs = databaseProcessUser()
  const binaries = await findPostgresBinaries(runAs)
  const ephemeral = !options.dataDir
  const dataDir = options.dataDir ?? path.join(await mkdtemp(path.join(tmpdir(), 'tenantkit-pg-')), 'data')
  if (ephemeral) await handOver(path.dirname(dataDir), runAs)
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initdb(binaries.initdb, dataDir, runAs)

  const port = options.port ?? (await freePort())
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    port,
    // TCP only: no socket file to collide with a system Postgres on the same port number.
    unix_socket_directories: '',
    max_connections: options.maxConnections ?? 100,
    // Throwaway clusters trade durability for speed; a kept dev database does not.
    ...(ephemeral ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...options.settings,
  }
  const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])]
  const child = spawn(binaries.postgres, args, { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'] })
  const output: string[] = []
  const onData = (chunk: Buffer) => {
    const text = chunk.toString()
    output.push(text)
    options.log?.(text.trimEnd())
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)

  const adminUrl = `postgres://postgres:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/postgres`
  await waitUntilReady(adminUrl, child, output)
  return {
    adminUrl,
    port,
    async stop() {
      await stopProcess(child)
      if (ephemeral) await rm(path.dirname(dataDir), { recursive: true, force: true })
    },
  }
}

async function initdb(initdbBin: string, dataDir: string, runAs: ReturnType<typeof databaseProcessUser>) {
  // The parent stays traversable for the database user; only the data directory itself is private.
  await mkdir(path.dirname(dataDir), { recursive: true })
  await mkdir(dataDir, { mode: 0o700 })
  await handOver(dataDir, runAs)
  const pwFile = path.join(path.dirname(dataDir), '.pwfile')
  await writeFile(pwFile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o600 })
  await handOver(pwFile, runAs)
  try {
    await run(initdbBin, ['-D', dataDir, '-U', 'postgres', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C'], runAs)
  } finally {
    await rm(pwFile, { force: true })
  }
}

function run(bin: string, args: string[], runAs: ReturnType<typeof databaseProcessUser>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} exited with ${code}:\n${output}`)),
    )
  })
}

async function waitUntilReady(url: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}:\n${output.join('')}`)
    const client = new pg.Client({ connectionString: url })
    try {
      await client.connect()
      await client.query('select 1')
      return
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    } finally {
      await client.end().catch(() => {})
    }
  }
  child.kill('SIGKILL')
  throw new Error(`postgres did not accept connections within 30 s:\n${output.join('')}`)
}

/** SIGINT is Postgres's "fast shutdown": it disconnects clients and stops cleanly. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill(signal)
  })
}
