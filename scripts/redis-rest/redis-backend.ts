import { Redis, ReplyError } from 'ioredis'
import type { Command, CommandResult, RedisBackend, RedisReply } from './backend'

// Connection-level commands would change the one shared connection for every HTTP caller
// (or block it), so they are refused here the way a stateless REST API has to.
const CONNECTION_STATE_COMMANDS = new Set([
  'multi', 'exec', 'discard', 'watch', 'unwatch', 'select', 'auth', 'hello', 'quit', 'reset',
  'subscribe', 'psubscribe', 'ssubscribe', 'unsubscribe', 'punsubscribe', 'sunsubscribe',
  'monitor', 'sync', 'psync', 'client', 'blpop', 'brpop', 'blmove', 'brpoplpush', 'bzpopmin',
  'bzpopmax', 'blmpop', 'bzmpop', 'xread', 'xreadgroup', 'wait', 'waitaof',
])

function refusal(command: Command): CommandResult | null {
  const name = (command[0] ?? '').toLowerCase()
  if (!CONNECTION_STATE_COMMANDS.has(name)) return null
  return { error: `ERR '${name}' is not supported by the REST endpoint (it needs its own connection)` }
}

// ioredis types ReplyError as `any`; this keeps the narrowing honest.
const ReplyErrorClass: new (...args: never[]) => Error = ReplyError
const isReplyError = (error: unknown): error is Error => error instanceof ReplyErrorClass

/** ioredis gives Redis error replies as ReplyError, also nested inside script replies. */
function toReply(value: unknown): RedisReply {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'string' || Buffer.isBuffer(value)) return value
  if (Array.isArray(value)) return value.map(toReply)
  if (value instanceof Error) return value.message
  return String(value)
}

/**
 * The name as ioredis should send it. ioredis reshapes some replies by lowercase command name
 * (HGETALL into an object); the REST API must pass Redis's reply through as is, and Redis
 * does not care about case, so names go out uppercase.
 */
const wireName = (name: string) => name.toUpperCase()

function toResult(error: unknown, value: unknown): CommandResult {
  if (isReplyError(error)) return { error: error.message }
  if (error) throw error
  return { result: toReply(value) }
}

async function runOne(redis: Redis, command: Command): Promise<CommandResult> {
  const [name, ...args] = command
  if (name === undefined) return { error: 'ERR empty command' }
  try {
    return toResult(null, await redis.callBuffer(wireName(name), ...args))
  } catch (error) {
    return toResult(error, null)
  }
}

/**
 * A real Redis behind the REST endpoint. Replies come back as Buffers so binary values reach
 * the base64 encoding byte for byte. Throws from a method only when Redis is unreachable.
 */
export function createRedisBackend(url: string): RedisBackend {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail an HTTP request within a few seconds instead of queueing it while Redis is down.
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
  })
  // Without a listener ioredis prints every reconnect failure; requests already report it.
  redis.on('error', () => {})

  return {
    run: (command) => Promise.resolve(refusal(command) ?? runOne(redis, command)),

    async pipeline(commands) {
      const results: (CommandResult | null)[] = commands.map(refusal)
      const pipeline = redis.pipeline()
      for (const [i, command] of commands.entries()) {
        const [name, ...args] = command
        if (results[i] === null && name !== undefined) pipeline.callBuffer(wireName(name), ...args)
      }
      const replies = pipeline.length > 0 ? ((await pipeline.exec()) ?? []) : []
      let next = 0
      return results.map((refused) => {
        if (refused) return refused
        const [error, value] = replies[next++] ?? [new Error('missing pipeline reply'), null]
        return toResult(error, value)
      })
    },

    async transaction(commands) {
      const refused = commands.map(refusal).find((r) => r !== null)
      // Redis would refuse a MULTI holding these too, with EXECABORT.
      if (refused && 'error' in refused) return { error: refused.error }
      const multi = redis.multi()
      for (const [name, ...args] of commands) if (name !== undefined) multi.callBuffer(wireName(name), ...args)
      try {
        const replies = await multi.exec()
        if (replies === null) return { error: 'EXECABORT Transaction discarded' }
        return replies.map(([error, value]) => toResult(error, value))
      } catch (error) {
        if (isReplyError(error)) return { error: error.message }
        throw error
      }
    },

    async close() {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
