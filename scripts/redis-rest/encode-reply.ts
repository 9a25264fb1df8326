import type { CommandResult, RedisReply } from './backend'

/** JSON value the REST API puts in `result`. */
export type JsonReply = string | number | null | JsonReply[]

/**
 * Turns a Redis reply into the JSON `result` Upstash sends. With `Upstash-Encoding: base64`
 * every string is base64 (so bytes and any Unicode survive JSON), except a bare top-level
 * "OK", which Upstash leaves as is and @upstash/redis special-cases when decoding. Inside
 * arrays the client base64-decodes every string, so "OK" there is encoded too.
 */
export function encodeReply(reply: RedisReply, base64: boolean, topLevel = true): JsonReply {
  if (reply === null || typeof reply === 'number') return reply
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64, false))
  if (!base64) return typeof reply === 'string' ? reply : reply.toString('utf8')
  const bytes = typeof reply === 'string' ? Buffer.from(reply, 'utf8') : reply
  if (topLevel && bytes.length === 2 && bytes.toString('latin1') === 'OK') return 'OK'
  return bytes.toString('base64')
}

export type JsonResult = { result: JsonReply } | { error: string }

/** One `{ result }` or `{ error }` entry; errors are never encoded (the client reads them raw). */
export function encodeResult(result: CommandResult, base64: boolean): JsonResult {
  return 'error' in result ? { error: result.error } : { result: encodeReply(result.result, base64) }
}
