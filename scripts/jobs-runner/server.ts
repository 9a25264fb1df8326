// A local stand-in for the Inngest dev server where its binary cannot be downloaded (CI, offline):
// the app sends events to it (INNGEST_DEV=<its URL>), it syncs the app's functions from the app's
// own /api/inngest, and runs every function an event triggers by calling that endpoint, exactly as
// Inngest would. So the code that runs is the app's, in the app's process, through its real serve
// route. Events a function sends come back here and start their runs too. Failed runs trigger the
// function's onFailure handler. See docs/decisions/011-local-jobs-runner.md for what it leaves out.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { KeyedLimiter } from './concurrency'
import { FUNCTION_FAILED_EVENT, type InngestEvent, type SerializedError, type SyncPayload } from './protocol'
import { compileSync, functionsTriggeredBy, type RegisteredFunction } from './registry'
import { runFunction, type RunOutcome } from './run-function'

export type RunRecord = {
  runId: string
  functionId: string
  eventId: string
  eventName: string
  eventData: Record<string, unknown>
  status: 'running' | RunOutcome['status']
  output?: unknown
  error?: SerializedError
  startedAt: string
  endedAt?: string
}

export type JobsRunnerOptions = {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Serve endpoints to sync from (e.g. http://localhost:3000/api/inngest), lazily before the first run. */
  apps: string[]
  log?: (line: string) => void
  retryBaseMs?: number
  retryMaxMs?: number
  callTimeoutMs?: number
}

export type JobsRunner = {
  /** Use as INNGEST_DEV (or INNGEST_BASE_URL) for the app. */
  url: string
  /** Asks every app to sync now (PUT on its serve endpoint); throws with the app's answer on failure. */
  sync(): Promise<void>
  runs(): RunRecord[]
  /** Resolves when no run is in progress (new runs that start meanwhile are waited for too). */
  idle(): Promise<void>
  close(): Promise<void>
}

type Debounced = { event: InngestEvent; firstAt: number; timer: NodeJS.Timeout | undefined; done: Promise<void>; resolve: () => void }

// Inngest ignores a second event with the same id for 24 hours; a local run is shorter than that.
const SEEN_IDS_KEPT = 100_000

const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${randomBytes(8).toString('hex')}`

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      try {
        resolve(body ? JSON.parse(body) : null)
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

export async function startJobsRunner(options: JobsRunnerOptions): Promise<JobsRunner> {
  const log = options.log ?? (() => {})
  const functions = new Map<string, RegisteredFunction>()
  const seen = new Set<string>()
  const records: RunRecord[] = []
  const inFlight = new Set<Promise<void>>()
  const limiter = new KeyedLimiter()
  const debounced = new Map<string, Debounced>()
  let synced: Promise<void> | null = null

  async function syncApps(): Promise<void> {
    for (const app of options.apps) {
      const response = await fetch(app, { method: 'PUT', headers: { 'x-inngest-server-kind': 'dev' } })
      const answer = await response.text()
      if (!response.ok) throw new Error(`syncing ${app} failed (${response.status}): ${answer}`)
    }
  }

  function ensureSynced(): Promise<void> {
    synced ??= syncApps().catch((error: unknown) => {
      synced = null // the next event tries again
      throw error
    })
    return synced
  }

  function register(payload: SyncPayload): void {
    for (const fn of compileSync(payload, (line) => log(`warning: ${line}`))) functions.set(fn.id, fn)
    log(`synced ${payload.appName} from ${payload.url}: ${payload.functions.map((f) => f.id).join(', ')}`)
  }

  function accept(raw: Partial<InngestEvent>): string {
    const event: InngestEvent = { ...raw, id: raw.id || newId('evt_'), name: String(raw.name), data: raw.data ?? {}, ts: raw.ts ?? Date.now() }
    if (seen.has(event.id)) {
      log(`event ${event.name} ${event.id} seen before: no new run`)
      return event.id
    }
    seen.add(event.id)
    if (seen.size > SEEN_IDS_KEPT) seen.delete(seen.values().next().value as string)
    track(dispatch(event))
    return event.id
  }

  function track(work: Promise<void>): void {
    inFlight.add(work)
    void work.finally(() => inFlight.delete(work))
  }

  async function dispatch(event: InngestEvent): Promise<void> {
    try {
      await ensureSynced()
    } catch (error) {
      // Like Inngest: an event only runs the functions synced when it arrives.
      log(`event ${event.name} ${event.id}: no app synced yet, so no run (${error instanceof Error ? error.message : String(error)})`)
      return
    }
    const triggered = functionsTriggeredBy(functions.values(), event)
    if (!triggered.length) log(`event ${event.name}: no function triggers on it`)
    await Promise.all(triggered.map((fn) => (fn.debounce ? debounce(fn, fn.debounce, event) : startRun(fn, event))))
  }

  /** Inngest's debounce: one run, with the last event, once events of the key stop for a period. */
  function debounce(fn: RegisteredFunction, config: NonNullable<RegisteredFunction['debounce']>, event: InngestEvent): Promise<void> {
    const key = config.key(event)
    let entry = debounced.get(key)
    if (!entry) {
      let resolve = () => {}
      const done = new Promise<void>((r) => (resolve = r))
      const created: Debounced = { event, firstAt: Date.now(), timer: undefined, done, resolve }
      debounced.set(key, created)
      entry = created
      log(`run ${fn.id} debounced by ${config.periodMs} ms`)
    }
    entry.event = event
    clearTimeout(entry.timer)
    const waiting = entry
    const untilTimeout = config.timeoutMs === null ? Infinity : waiting.firstAt + config.timeoutMs - Date.now()
    waiting.timer = setTimeout(() => {
      debounced.delete(key)
      void startRun(fn, waiting.event).then(waiting.resolve)
    }, Math.max(0, Math.min(config.periodMs, untilTimeout)))
    return waiting.done
  }

  async function startRun(fn: RegisteredFunction, event: InngestEvent): Promise<void> {
    const record: RunRecord = { runId: newId('run_'), functionId: fn.id, eventId: event.id, eventName: event.name, eventData: event.data, status: 'running', startedAt: new Date().toISOString() }
    records.push(record)
    log(`run ${fn.id} for ${event.name} (${record.runId})`)
    const outcome = await runFunction(fn, event, {
      runId: record.runId,
      limiter,
      retryBaseMs: options.retryBaseMs ?? 200,
      retryMaxMs: options.retryMaxMs ?? 2_000,
      callTimeoutMs: options.callTimeoutMs ?? 60_000,
      log,
    }).catch((error: unknown): RunOutcome => ({ status: 'failed', error: { name: 'RunnerError', message: String(error) } }))
    Object.assign(record, outcome, { endedAt: new Date().toISOString() })
    if (outcome.status === 'completed') {
      log(`run ${fn.id} completed (${record.runId})`)
      return
    }
    log(`run ${fn.id} FAILED (${record.runId}): ${outcome.error.name ?? 'Error'}: ${outcome.error.message ?? ''}`)
    // What Inngest sends when a run fails for good; onFailure handlers trigger on it.
    if (event.name !== FUNCTION_FAILED_EVENT) {
      accept({ name: FUNCTION_FAILED_EVENT, data: { function_id: fn.id, run_id: record.runId, error: outcome.error, event } })
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://runner')
    const handle = async () => {
      // POST /e/:eventKey – events from the app (one or an array); answered before any run starts.
      if (req.method === 'POST' && url.pathname.startsWith('/e/')) {
        const body = await readJson(req)
        const events = (Array.isArray(body) ? body : [body]) as Partial<InngestEvent>[]
        if (events.some((e) => !e || typeof e.name !== 'string' || e.name.startsWith('inngest/'))) {
          return send(res, 400, { status: 400, error: 'every event needs a name, and inngest/ names are reserved' })
        }
        return send(res, 200, { ids: events.map(accept), status: 200 })
      }
      // POST /fn/register – the app's functions, sent when something PUTs its serve endpoint.
      if (req.method === 'POST' && url.pathname === '/fn/register') {
        try {
          register((await readJson(req)) as SyncPayload)
        } catch (error) {
          log(`sync refused: ${error instanceof Error ? error.message : String(error)}`)
          return send(res, 400, { error: error instanceof Error ? error.message : String(error) })
        }
        return send(res, 200, { ok: true, modified: true })
      }
      // GET /runs – what ran and how it ended (the e2e specs assert on it).
      if (req.method === 'GET' && url.pathname === '/runs') return send(res, 200, records)
      // The app's "is a dev server there?" probe.
      if (req.method === 'GET' && url.pathname === '/') return send(res, 200, { server: 'tenantkit local jobs runner' })
      log(`unsupported request ${req.method} ${url.pathname}`)
      return send(res, 404, { error: `the local jobs runner does not implement ${req.method} ${url.pathname}` })
    }
    handle().catch((error: unknown) => send(res, 400, { status: 400, error: error instanceof Error ? error.message : String(error) }))
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    sync: () => {
      synced = null
      return ensureSynced()
    },
    runs: () => records.map((r) => ({ ...r })),
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight])
    },
    close: () =>
      new Promise((resolve) => {
        for (const entry of debounced.values()) clearTimeout(entry.timer)
        debounced.clear()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
