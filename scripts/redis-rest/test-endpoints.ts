// Shared setup for the *.int.test.ts files: a real Redis (spawned, or REDIS_URL), the REST
// endpoint in front of it or of the in-memory backend, and @upstash/redis clients.
import { randomUUID } from 'node:crypto'
import { Redis } from '@upstash/redis'
import { findRedisServerBinary, startRedisServer, type RedisServer } from '../stack/redis'
import type { RedisBackend } from './backend'
import { createMemoryBackend } from './memory-backend'
import { createRedisBackend } from './redis-backend'
import { startRedisRestServer, type RedisRestServer } from './server'

export const TOKEN = 'test-token'

/**
 * A real Redis for the tests: a throwaway redis-server when the binary exists, else REDIS_URL
 * (shared, so tests only touch keys under their own random prefix and never flush).
 */
export async function startTestRedis(): Promise<RedisServer> {
  if (findRedisServerBinary()) return startRedisServer()
  const url = process.env.REDIS_URL
  if (url) return { url, stop: async () => {} }
  throw new Error(
    'These tests need a real Redis and found none: install redis-server (apt-get install -y redis-server) or set REDIS_URL.',
  )
}

export type BackendKind = 'redis' | 'memory'

export type Endpoint = {
  url: string
  backend: RedisBackend
  server: RedisRestServer
  close(): Promise<void>
}

export async function startEndpoint(kind: BackendKind, redisUrl: string, port = 0): Promise<Endpoint> {
  const backend = kind === 'redis' ? createRedisBackend(redisUrl) : createMemoryBackend()
  const server = await startRedisRestServer({ port, token: TOKEN, backend })
  return {
    url: server.url,
    backend,
    server,
    async close() {
      await server.close()
      await backend.close()
    },
  }
}

export type ClientOptions = { token?: string; autoPipelining?: boolean; base64?: boolean; parseJson?: boolean }

/** An @upstash/redis client as production builds it, pointed at the local endpoint. */
export function client(url: string, opts: ClientOptions = {}): Redis {
  return new Redis({
    url,
    token: opts.token ?? TOKEN,
    enableTelemetry: false,
    enableAutoPipelining: opts.autoPipelining ?? true,
    automaticDeserialization: opts.parseJson ?? true,
    ...(opts.base64 === false ? { responseEncoding: false } : {}),
    // Network failures would otherwise be retried with backoff and hide a dead endpoint.
    retry: false,
  })
}

/** A key prefix no other test (or other user of a shared REDIS_URL) uses. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${randomUUID()}:`
}

/** Raw POST, for what the client never sends (bad JSON, no token) or hides (status, headers). */
export async function post(url: string, path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body,
  })
  const json: unknown = await res.json()
  return { status: res.status, headers: res.headers, json }
}
