import 'server-only'
import { Redis } from '@upstash/redis'
import { getEnv } from './env'

const globalForRedis = globalThis as typeof globalThis & { __tenantkitRedis?: Redis }

// Short timeouts and one retry: a request waiting on Redis holds everything behind it, and each
// caller (sessions, rate limits) decides itself whether a Redis outage fails open or closed.
export const REDIS_TIMEOUT_MS = 2_000

export function createRedis(url: string, token: string): Redis {
  return new Redis({
    url,
    token,
    retry: { retries: 1, backoff: () => 50 },
    signal: () => AbortSignal.timeout(REDIS_TIMEOUT_MS),
    keepAlive: true,
    enableTelemetry: false,
  })
}

/** The process-wide Upstash client (REST), created on first use. */
export function getRedis(): Redis {
  if (!globalForRedis.__tenantkitRedis) {
    const env = getEnv()
    globalForRedis.__tenantkitRedis = createRedis(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN)
  }
  return globalForRedis.__tenantkitRedis
}

/** For tests that point the app at another endpoint. */
export function setRedis(redis: Redis | undefined): void {
  globalForRedis.__tenantkitRedis = redis
}

export async function pingRedis(): Promise<void> {
  const reply = await getRedis().ping()
  if (reply !== 'PONG') throw new Error(`unexpected PING reply: ${String(reply)}`)
}
