// An Upstash-REST-compatible endpoint for local development and tests: what Upstash's Docker-only
// serverless-redis-http does, in front of a real Redis or the in-memory backend. It speaks what
// @upstash/redis 1.39 and @upstash/ratelimit 2.2 send: POST /, /pipeline and /multi-exec.
import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Command, RedisBackend } from './backend'
import { encodeResult, type JsonResult } from './encode-reply'
import { parseBatch, parseJson, parseSingle } from './parse-request'
import { ScriptTranslator } from './script-translator'

export interface RedisRestServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Defaults to 127.0.0.1: this endpoint is for the local machine only. */
  host?: string
  /** Required `Authorization: Bearer <token>` on every request. */
  token: string
  /** Owned by the caller: `close()` does not close it. */
  backend: RedisBackend
  /** Called once per HTTP request with its path and command names (tests count round trips). */
  onRequest?: (path: string, commands: string[]) => void
}

export interface RedisRestServer {
  url: string
  close(): Promise<void>
}

// Upstash's own cap depends on the plan; this only keeps a runaway body out of memory.
const MAX_BODY_BYTES = 10 * 1024 * 1024

type Reply = { status: number; body: JsonResult | JsonResult[] }

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function hasToken(req: IncomingMessage, expected: Buffer): boolean {
  const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')
  const given = Buffer.from(match?.[1]?.trim() ?? '', 'utf8')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

const fail = (status: number, error: string): Reply => ({ status, body: { error } })

export async function startRedisRestServer(opts: RedisRestServerOptions): Promise<RedisRestServer> {
  if (opts.token.length === 0) throw new Error('startRedisRestServer: token must not be empty')
  const { backend } = opts
  const expectedToken = Buffer.from(opts.token, 'utf8')
  const translator = new ScriptTranslator()
  // Read-your-writes holds trivially against one Redis; the client just wants a token back.
  let syncToken = 0

  async function runSingle(command: Command, base64: boolean): Promise<Reply> {
    const { command: sent, mapResult } = translator.translate(command)
    const raw = await backend.run(sent)
    const result = encodeResult(mapResult ? mapResult(raw) : raw, base64)
    // Upstash answers a failed single command with 400 and `{ error }`.
    return { status: 'error' in result ? 400 : 200, body: result }
  }

  async function runBatch(commands: Command[], atomic: boolean, base64: boolean): Promise<Reply> {
    const translated = commands.map((command) => translator.translate(command))
    const sent = translated.map((t) => t.command)
    const raw = atomic ? await backend.transaction(sent) : await backend.pipeline(sent)
    // A transaction Redis refused as a whole (EXECABORT) fails the request, as on Upstash.
    if (!Array.isArray(raw)) return fail(400, raw.error)
    const body = raw.map((result, i) => {
      const mapResult = translated[i]?.mapResult
      return encodeResult(mapResult ? mapResult(result) : result, base64)
    })
    return { status: 200, body }
  }

  async function handle(req: IncomingMessage): Promise<Reply> {
    if (!hasToken(req, expectedToken)) return fail(401, 'Unauthorized')
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/(.)\/+$/, '$1')
    if (path !== '/' && path !== '/pipeline' && path !== '/multi-exec') {
      return fail(404, `Not found: ${path} (this endpoint serves POST /, /pipeline and /multi-exec)`)
    }
    if (req.method !== 'POST') return fail(405, `Method ${req.method ?? ''} not allowed: use POST`)
    const text = await readBody(req)
    if (text === null) return fail(413, `Request body larger than ${MAX_BODY_BYTES} bytes`)
    const json = parseJson(text)
    if (!json.ok) return fail(400, json.message)
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64'
    if (path === '/') {
      const command = parseSingle(json.value)
      if (command.ok) opts.onRequest?.(path, [String(command.value[0])])
      return command.ok ? runSingle(command.value, base64) : fail(400, command.message)
    }
    const commands = parseBatch(json.value)
    if (!commands.ok) return fail(400, commands.message)
    opts.onRequest?.(path, commands.value.map((c) => String(c[0])))
    return runBatch(commands.value, path === '/multi-exec', base64)
  }

  function send(res: ServerResponse, reply: Reply): void {
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'upstash-sync-token': String(++syncToken),
    })
    res.end(JSON.stringify(reply.body))
  }

  const server = createServer((req, res) => {
    handle(req).then(
      (reply) => send(res, reply),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        send(res, fail(500, `Redis backend failed: ${message}`))
      },
    )
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // Keep-alive sockets from the client would otherwise hold close() open.
        server.closeIdleConnections()
      }),
  }
}
