// A throwaway real Redis (Debian's redis-server) for tests and `npm run dev`: memory only, on
// 127.0.0.1, gone when stopped. Tests run the REST endpoint against it, never against a mock.
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort } from './ports'

export type RedisServer = {
  url: string
  stop(): Promise<void>
}

const DEBIAN_PATH = '/usr/bin/redis-server'
const READY_TIMEOUT_MS = 10_000
const STOP_TIMEOUT_MS = 5_000

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The redis-server binary: Debian's package path first, then PATH; null when there is none. */
export function findRedisServerBinary(): string | null {
  if (isExecutable(DEBIAN_PATH)) return DEBIAN_PATH
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir !== '' && isExecutable(path.join(dir, 'redis-server'))) return path.join(dir, 'redis-server')
  }
  return null
}

/** One PING over raw RESP: resolves true on +PONG, false on anything else. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    let reply = ''
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1_000, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1')
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'))
    })
  })
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

async function waitUntilReady(child: ChildProcess, port: number, output: string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}) before answering PING:\n${output.join('')}`)
    }
    if (await ping(port)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  child.kill('SIGKILL')
  throw new Error(`redis-server did not answer PING on port ${port} within ${READY_TIMEOUT_MS} ms:\n${output.join('')}`)
}

/**
 * Starts redis-server on 127.0.0.1 with persistence off (`--save "" --appendonly no`), waits
 * until it answers PING, and returns its URL. `stop()` shuts it down and waits for the exit.
 */
export async function startRedisServer(opts: { port?: number } = {}): Promise<RedisServer> {
  const binary = findRedisServerBinary()
  if (!binary) {
    throw new Error('redis-server not found (looked at /usr/bin/redis-server and PATH): apt-get install -y redis-server')
  }
  const port = opts.port ?? (await freePort())
  const args = [
    '--port', String(port), '--bind', '127.0.0.1',
    '--save', '', '--appendonly', 'no',
    '--daemonize', 'no', '--loglevel', 'warning', '--logfile', '',
    // Nothing is written with persistence off, but a stray dump must not land in the repo.
    '--dir', tmpdir(),
  ]
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const output: string[] = []
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject))
  spawnFailed.catch(() => {}) // only the race below cares; a later error must not go unhandled
  // A test runner that dies mid-run must not leave Redis behind.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)

  try {
    await Promise.race([waitUntilReady(child, port, output), spawnFailed])
  } catch (error) {
    process.off('exit', killOnExit)
    child.kill('SIGKILL')
    throw error
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      process.off('exit', killOnExit)
      const exit = exited(child)
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      await exit
      clearTimeout(timer)
    },
  }
}
