import type { RedisReply } from './backend'
import { arg, arity, fail, readExpiry, SYNTAX_ERROR, toInteger, type Handler } from './memory-args'
import { globToRegExp, type Keyspace } from './memory-store'

function getString(ks: Keyspace, key: string): string | null {
  return ks.read(key, 'string') ?? null
}

/** INCRBY on a string key, keeping its expiry; also what the script twins call. */
export function incrementBy(ks: Keyspace, key: string, delta: number): number {
  const current = getString(ks, key)
  const next = (current === null ? 0 : toInteger(current)) + delta
  if (!Number.isSafeInteger(next)) fail('ERR increment or decrement would overflow')
  ks.updateString(key, String(next))
  return next
}

function set(ks: Keyspace, args: string[], name: string): RedisReply {
  arity(name, args, 2, Infinity)
  const [key = '', value = ''] = args
  let expiresAt: number | null = null
  let keepTtl = false
  let condition: 'NX' | 'XX' | null = null
  let returnOld = false
  for (let i = 2; i < args.length; i++) {
    const option = (args[i] ?? '').toUpperCase()
    const at = readExpiry(args, i, name)
    if (at !== undefined) {
      if (expiresAt !== null || keepTtl) fail(SYNTAX_ERROR)
      expiresAt = at
      i++
    } else if (option === 'NX' || option === 'XX') {
      if (condition) fail(SYNTAX_ERROR)
      condition = option
    } else if (option === 'KEEPTTL' && expiresAt === null) keepTtl = true
    else if (option === 'GET') returnOld = true
    else fail(SYNTAX_ERROR)
  }
  const old = returnOld ? getString(ks, key) : null
  const exists = ks.exists(key)
  if ((condition === 'NX' && exists) || (condition === 'XX' && !exists)) return returnOld ? old : null
  ks.setString(key, value, keepTtl ? (ks.expiresAt(key) ?? null) : expiresAt)
  return returnOld ? old : 'OK'
}

function getex(ks: Keyspace, args: string[], name: string): RedisReply {
  arity(name, args, 1, 3)
  const key = arg(args, 0)
  const value = getString(ks, key)
  if (args.length === 1) return value
  const option = arg(args, 1).toUpperCase()
  const at = option === 'PERSIST' ? null : readExpiry(args, 1, name)
  if (at === undefined || (option === 'PERSIST' ? args.length !== 2 : args.length !== 3)) fail(SYNTAX_ERROR)
  if (value !== null) ks.setExpiry(key, at)
  return value
}

function expire(unitMs: number, absolute: boolean): Handler {
  return (ks, args, name) => {
    arity(name, args, 2, 3)
    const key = arg(args, 0)
    const amount = toInteger(arg(args, 1))
    const flag = (args[2] ?? '').toUpperCase()
    if (!['', 'NX', 'XX', 'GT', 'LT'].includes(flag)) fail(`ERR Unsupported option ${args[2] ?? ''}`)
    const at = absolute ? amount * unitMs : Date.now() + amount * unitMs
    const current = ks.expiresAt(key)
    if (current === undefined) return 0
    const allowed =
      flag === '' ||
      (flag === 'NX' && current === null) ||
      (flag === 'XX' && current !== null) ||
      (flag === 'GT' && current !== null && at > current) ||
      (flag === 'LT' && (current === null || at < current))
    return allowed && ks.setExpiry(key, at) ? 1 : 0
  }
}

function ttl(unitMs: number): Handler {
  return (ks, args, name) => {
    arity(name, args, 1)
    const at = ks.expiresAt(arg(args, 0))
    if (at === undefined) return -2
    if (at === null) return -1
    return Math.max(0, Math.round((at - Date.now()) / unitMs))
  }
}

/** One pass over the whole keyspace: COUNT is only a hint in Redis, and dev data is small. */
function scan(ks: Keyspace, args: string[], name: string): RedisReply {
  arity(name, args, 1, Infinity)
  toInteger(arg(args, 0), 'ERR invalid cursor')
  let match: RegExp | null = null
  let type: string | null = null
  for (let i = 1; i < args.length; i += 2) {
    const option = arg(args, i).toUpperCase()
    const value = arg(args, i + 1)
    if (option === 'MATCH') match = globToRegExp(value)
    else if (option === 'TYPE') type = value.toLowerCase()
    else if (option === 'COUNT') toInteger(value)
    else fail(SYNTAX_ERROR)
  }
  const keys = ks.keys().filter((key) => (!match || match.test(key)) && (!type || ks.typeOf(key) === type))
  return ['0', keys]
}

const del: Handler = (ks, args, name) => (arity(name, args, 1, Infinity), args.filter((key) => ks.delete(key)).length)

export const keyCommands: Record<string, Handler> = {
  ping: (_ks, args, name) => (arity(name, args, 0, 1), args[0] ?? 'PONG'),
  echo: (_ks, args, name) => (arity(name, args, 1), arg(args, 0)),
  get: (ks, args, name) => (arity(name, args, 1), getString(ks, arg(args, 0))),
  set,
  getex,
  getdel: (ks, args, name) => {
    arity(name, args, 1)
    const value = getString(ks, arg(args, 0))
    if (value !== null) ks.delete(arg(args, 0))
    return value
  },
  mget: (ks, args, name) => (arity(name, args, 1, Infinity), args.map((key) => (ks.typeOf(key) === 'string' ? getString(ks, key) : null))),
  incr: (ks, args, name) => (arity(name, args, 1), incrementBy(ks, arg(args, 0), 1)),
  decr: (ks, args, name) => (arity(name, args, 1), incrementBy(ks, arg(args, 0), -1)),
  incrby: (ks, args, name) => (arity(name, args, 2), incrementBy(ks, arg(args, 0), toInteger(arg(args, 1)))),
  decrby: (ks, args, name) => (arity(name, args, 2), incrementBy(ks, arg(args, 0), -toInteger(arg(args, 1)))),
  del,
  unlink: del,
  exists: (ks, args, name) => (arity(name, args, 1, Infinity), args.filter((key) => ks.exists(key)).length),
  type: (ks, args, name) => (arity(name, args, 1), ks.typeOf(arg(args, 0))),
  expire: expire(1000, false),
  pexpire: expire(1, false),
  expireat: expire(1000, true),
  pexpireat: expire(1, true),
  persist: (ks, args, name) => {
    arity(name, args, 1)
    const key = arg(args, 0)
    return ks.expiresAt(key) ? (ks.setExpiry(key, null), 1) : 0
  },
  ttl: ttl(1000),
  pttl: ttl(1),
  scan,
  keys: (ks, args, name) => (arity(name, args, 1), ks.keys().filter((key) => globToRegExp(arg(args, 0)).test(key))),
  dbsize: (ks, args, name) => (arity(name, args, 0), ks.keys().length),
  flushdb: (ks, args, name) => (arity(name, args, 0, 1), ks.flush(), 'OK'),
  flushall: (ks, args, name) => (arity(name, args, 0, 1), ks.flush(), 'OK'),
}
