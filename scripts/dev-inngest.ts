// The Inngest dev server for `npm run dev`: reuse one that already answers on :8288, otherwise
// fetch and start it with npx (never a package.json dependency: its install downloads a binary,
// which fails offline and would break `npm ci`). Where it cannot be fetched or does not start, the
// app boots without it and the caller says what that means for jobs.
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'

export const INNGEST_DEV_PORT = 8288
const INNGEST_DEV_URL = `http://127.0.0.1:${INNGEST_DEV_PORT}`

export type InngestDevServer =
  | { status: 'existing' | 'started'; url: string; stop(): Promise<void> }
  | { status: 'unavailable'; reason: string; stop(): Promise<void> }

export type InngestDevOptions = {
  /** The app's serve endpoint, e.g. http://localhost:3000/api/inngest. */
  serveUrl: string
  /** Its output goes here, not to the terminal (it is chatty); the line that says why is shown when it fails. */
  logFile: string
  /** The first run downloads the CLI and its binary: allow for that. */
  startTimeoutMs?: number
  /** Tests only: the command to run instead of npx. */
  command?: { bin: string; args: string[] }
}

const noop = async () => {}

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  )
}

/** The line of the log that says why it failed (npm's own chatter and stack frames left out). */
async function whyItFailed(file: string): Promise<string> {
  const lines = (await readFile(file, 'utf8').catch(() => ''))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^npm (http|info|verb|warn Unknown)/.test(line) && !line.startsWith('at '))
  return lines.find((line) => /error/i.test(line)) ?? lines.slice(-3).join('\n')
}

/** Ends the dev server and everything npx started for it (it runs in its own process group). */
function stopper(child: ChildProcess): () => Promise<void> {
  const group = child.pid
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || group === undefined) return resolve()
      const timer = setTimeout(() => process.kill(-group, 'SIGKILL'), 5_000)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      process.kill(-group, 'SIGTERM')
    })
}

export async function startInngestDevServer(options: InngestDevOptions): Promise<InngestDevServer> {
  if (await answers(INNGEST_DEV_URL)) return { status: 'existing', url: INNGEST_DEV_URL, stop: noop }

  const { bin, args } = options.command ?? {
    bin: 'npx',
    // --ignore-scripts=false: the CLI's postinstall is what downloads the dev server binary.
    args: ['--yes', '--ignore-scripts=false', 'inngest-cli@latest', 'dev', '-u', options.serveUrl, '--port', String(INNGEST_DEV_PORT)],
  }
  await mkdir(path.dirname(options.logFile), { recursive: true })
  const log = createWriteStream(options.logFile, { flags: 'w' })
  // Foreground scripts: the postinstall's own error (e.g. the binary download failing) reaches the log.
  const child = spawn(bin, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_foreground_scripts: 'true' } })
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  const stop = stopper(child)
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(error.message))
    child.once('exit', (code, signal) => resolve(`exited with ${code ?? signal}`))
  })

  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000)
  while (Date.now() < deadline) {
    const outcome = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 500))])
    if (outcome !== null) {
      const why = await whyItFailed(options.logFile)
      return { status: 'unavailable', reason: `\`${bin} ${args.slice(0, 4).join(' ')}\` ${outcome}${why ? `:\n${why}` : ''}`, stop: noop }
    }
    if (await answers(INNGEST_DEV_URL)) return { status: 'started', url: INNGEST_DEV_URL, stop }
  }
  await stop()
  return { status: 'unavailable', reason: `the dev server did not answer on :${INNGEST_DEV_PORT} within ${Math.round((options.startTimeoutMs ?? 120_000) / 1000)} s (log: ${path.relative(process.cwd(), options.logFile)})`, stop: noop }
}
