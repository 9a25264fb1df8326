// The local Upstash-compatible Redis endpoint on its own:
//   UPSTASH_REDIS_REST_TOKEN=dev-token [REDIS_URL=redis://127.0.0.1:6379] [PORT=8079] npx tsx scripts/redis-rest/cli.ts
// With REDIS_URL it fronts that Redis; without, it keeps data in memory until it stops.
import type { RedisBackend } from './backend'
import { createMemoryBackend } from './memory-backend'
import { createRedisBackend } from './redis-backend'
import { startRedisRestServer } from './server'

function exit(message: string): never {
  process.stderr.write(`redis-rest: ${message}\n`)
  process.exit(1)
}

const token = process.env.UPSTASH_REDIS_REST_TOKEN ?? ''
if (token === '') exit('UPSTASH_REDIS_REST_TOKEN is required (any string; clients must send it as their token)')
const port = Number(process.env.PORT ?? 8079)
if (!Number.isInteger(port) || port < 0 || port > 65535) exit(`PORT must be a TCP port number, got ${process.env.PORT}`)
const redisUrl = process.env.REDIS_URL ?? ''

const backend: RedisBackend = redisUrl ? createRedisBackend(redisUrl) : createMemoryBackend()
// Say now, not on the first request, that REDIS_URL points nowhere.
const ping = await backend.run(['PING']).catch((error: unknown) => ({ error: String(error) }))
if ('error' in ping) exit(`cannot reach Redis at ${redisUrl}: ${ping.error}`)

const server = await startRedisRestServer({ port, token, backend }).catch((error: unknown) =>
  exit(`cannot listen on port ${port}: ${error instanceof Error ? error.message : String(error)}`),
)
const where = redisUrl ? `Redis at ${redisUrl.replace(/\/\/[^@/]*@/, '//***@')}` : 'memory (data is lost on exit)'
process.stdout.write(`Upstash-compatible Redis REST endpoint on ${server.url}, backed by ${where}\n`)
process.stdout.write(`UPSTASH_REDIS_REST_URL=${server.url}\n`)

async function shutdown(): Promise<void> {
  await server.close()
  await backend.close()
  process.exit(0)
}
process.once('SIGINT', () => void shutdown())
process.once('SIGTERM', () => void shutdown())
