import { RedisReplyError, type RedisReply } from './backend'
import type { Keyspace } from './memory-store'

/** One in-memory command: arguments after the name in, Redis's reply out (or RedisReplyError). */
export type Handler = (ks: Keyspace, args: string[], name: string) => RedisReply

export const SYNTAX_ERROR = 'ERR syntax error'
export const NOT_INTEGER = 'ERR value is not an integer or out of range'

export function fail(message: string): never {
  throw new RedisReplyError(message)
}

/** Checks the argument count the way Redis words it; `max` Infinity means no upper bound. */
export function arity(name: string, args: string[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    fail(`ERR wrong number of arguments for '${name}' command`)
  }
}

export function arg(args: string[], index: number): string {
  const value = args[index]
  if (value === undefined) fail(SYNTAX_ERROR)
  return value
}

export function toInteger(text: string, message = NOT_INTEGER): number {
  if (!/^[+-]?\d+$/.test(text)) fail(message)
  const value = Number(text)
  if (!Number.isSafeInteger(value)) fail(message)
  return value
}

/** Redis scores: decimals, `inf`, `+inf`, `-inf`; a `(` prefix (range bounds) is handled by callers. */
export function toScore(text: string, message = 'ERR value is not a valid float'): number {
  const lower = text.toLowerCase()
  if (lower === 'inf' || lower === '+inf') return Infinity
  if (lower === '-inf') return -Infinity
  const value = Number(text)
  if (text.trim() === '' || Number.isNaN(value)) fail(message)
  return value
}

/** How Redis 7 prints a double (shortest round-trip form, `inf`/`-inf`). */
export function formatScore(score: number): string {
  if (score === Infinity) return 'inf'
  if (score === -Infinity) return '-inf'
  return String(score)
}

/**
 * Reads one EX/PX/EXAT/PXAT option at `args[i]` and returns the absolute expiry in ms, or
 * undefined when `args[i]` is not one of them.
 */
export function readExpiry(args: string[], i: number, name: string): number | undefined {
  const option = (args[i] ?? '').toUpperCase()
  if (!['EX', 'PX', 'EXAT', 'PXAT'].includes(option)) return undefined
  const amount = toInteger(arg(args, i + 1))
  if (amount <= 0) fail(`ERR invalid expire time in '${name}' command`)
  if (option === 'EX') return Date.now() + amount * 1000
  if (option === 'PX') return Date.now() + amount
  return option === 'EXAT' ? amount * 1000 : amount
}
