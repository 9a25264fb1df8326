import type { RedisReply } from './backend'
import { arg, arity, fail, formatScore, SYNTAX_ERROR, toInteger, toScore, type Handler } from './memory-args'
import type { Keyspace } from './memory-store'

const pairs = (args: string[], from: number): [string, string][] => {
  const out: [string, string][] = []
  for (let i = from; i + 1 < args.length; i += 2) out.push([args[i] ?? '', args[i + 1] ?? ''])
  return out
}

/** Removes members, then the key itself once empty, as Redis does. */
function removeFrom(ks: Keyspace, key: string, type: 'set' | 'hash' | 'zset', members: string[]): number {
  const data = ks.read(key, type)
  if (!data) return 0
  const removed = members.filter((member) => data.delete(member)).length
  ks.dropIfEmpty(key)
  return removed
}

const setCommands: Record<string, Handler> = {
  sadd: (ks, args, name) => {
    arity(name, args, 2, Infinity)
    const set = ks.collection(arg(args, 0), 'set')
    const before = set.size
    for (const member of args.slice(1)) set.add(member)
    return set.size - before
  },
  srem: (ks, args, name) => (arity(name, args, 2, Infinity), removeFrom(ks, arg(args, 0), 'set', args.slice(1))),
  smembers: (ks, args, name) => (arity(name, args, 1), [...(ks.read(arg(args, 0), 'set') ?? [])]),
  scard: (ks, args, name) => (arity(name, args, 1), ks.read(arg(args, 0), 'set')?.size ?? 0),
  sismember: (ks, args, name) => (arity(name, args, 2), ks.read(arg(args, 0), 'set')?.has(arg(args, 1)) ? 1 : 0),
  smismember: (ks, args, name) => {
    arity(name, args, 2, Infinity)
    const set = ks.read(arg(args, 0), 'set')
    return args.slice(1).map((member) => (set?.has(member) ? 1 : 0))
  },
}

const hset: Handler = (ks, args, name) => {
  if (args.length < 3 || args.length % 2 === 0) fail(`ERR wrong number of arguments for '${name}' command`)
  const hash = ks.collection(arg(args, 0), 'hash')
  let added = 0
  for (const [field, value] of pairs(args, 1)) {
    if (!hash.has(field)) added++
    hash.set(field, value)
  }
  return name === 'hmset' ? 'OK' : added
}

const hashCommands: Record<string, Handler> = {
  hset,
  hmset: hset,
  hget: (ks, args, name) => (arity(name, args, 2), ks.read(arg(args, 0), 'hash')?.get(arg(args, 1)) ?? null),
  hmget: (ks, args, name) => {
    arity(name, args, 2, Infinity)
    const hash = ks.read(arg(args, 0), 'hash')
    return args.slice(1).map((field) => hash?.get(field) ?? null)
  },
  hgetall: (ks, args, name) => (arity(name, args, 1), [...(ks.read(arg(args, 0), 'hash') ?? [])].flat()),
  hdel: (ks, args, name) => (arity(name, args, 2, Infinity), removeFrom(ks, arg(args, 0), 'hash', args.slice(1))),
  hexists: (ks, args, name) => (arity(name, args, 2), ks.read(arg(args, 0), 'hash')?.has(arg(args, 1)) ? 1 : 0),
  hlen: (ks, args, name) => (arity(name, args, 1), ks.read(arg(args, 0), 'hash')?.size ?? 0),
  hincrby: (ks, args, name) => {
    arity(name, args, 3)
    const hash = ks.collection(arg(args, 0), 'hash')
    const current = hash.get(arg(args, 1))
    const next = (current === undefined ? 0 : toInteger(current, 'ERR hash value is not an integer')) + toInteger(arg(args, 2))
    hash.set(arg(args, 1), String(next))
    return next
  },
}

function zadd(ks: Keyspace, args: string[], name: string): RedisReply {
  arity(name, args, 3, Infinity)
  const flags = new Set<string>()
  let i = 1
  while (['NX', 'XX', 'GT', 'LT', 'CH'].includes(arg(args, i).toUpperCase())) flags.add(arg(args, i++).toUpperCase())
  if ((args.length - i) % 2 !== 0 || i === args.length) fail(SYNTAX_ERROR)
  if (flags.has('NX') && (flags.has('XX') || flags.has('GT') || flags.has('LT'))) {
    fail('ERR XX and NX options at the same time are not compatible')
  }
  const updates = pairs(args, i).map(([score, member]) => [toScore(score), member] as const)
  const zset = ks.collection(arg(args, 0), 'zset')
  let added = 0
  let changed = 0
  for (const [score, member] of updates) {
    const old = zset.get(member)
    if (old === undefined ? flags.has('XX') : flags.has('NX')) continue
    if (old !== undefined && ((flags.has('GT') && score <= old) || (flags.has('LT') && score >= old))) continue
    if (old === undefined) added++
    else if (old !== score) changed++
    zset.set(member, score)
  }
  ks.dropIfEmpty(arg(args, 0))
  return flags.has('CH') ? added + changed : added
}

type Bound = { value: number; exclusive: boolean }
function toBound(text: string): Bound {
  const exclusive = text.startsWith('(')
  return { value: toScore(exclusive ? text.slice(1) : text, 'ERR min or max is not a float'), exclusive }
}
const above = (score: number, min: Bound) => (min.exclusive ? score > min.value : score >= min.value)
const below = (score: number, max: Bound) => (max.exclusive ? score < max.value : score <= max.value)

function sortedMembers(ks: Keyspace, key: string): [string, number][] {
  const entries = [...(ks.read(key, 'zset') ?? [])]
  return entries.sort(([a, sa], [b, sb]) => sa - sb || (a < b ? -1 : a > b ? 1 : 0))
}

/** ZRANGE by index or BYSCORE, with REV, LIMIT and WITHSCORES (no BYLEX). */
function zrange(ks: Keyspace, args: string[], name: string): RedisReply {
  arity(name, args, 3, Infinity)
  const options = args.slice(3).map((option) => option.toUpperCase())
  const byScore = options.includes('BYSCORE')
  const rev = options.includes('REV')
  const limitAt = options.indexOf('LIMIT')
  if (options.includes('BYLEX')) fail('ERR BYLEX is not supported by the in-memory Redis')
  if (limitAt !== -1 && !byScore) fail('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX')
  let members = sortedMembers(ks, arg(args, 0))
  if (rev) members.reverse()
  if (byScore) {
    const [min, max] = rev ? [toBound(arg(args, 2)), toBound(arg(args, 1))] : [toBound(arg(args, 1)), toBound(arg(args, 2))]
    members = members.filter(([, score]) => above(score, min) && below(score, max))
    if (limitAt !== -1) {
      const offset = toInteger(arg(args, 3 + limitAt + 1))
      const count = toInteger(arg(args, 3 + limitAt + 2))
      members = members.slice(offset, count < 0 ? undefined : offset + count)
    }
  } else {
    const n = members.length
    const start = Math.max(0, toInteger(arg(args, 1)) < 0 ? n + toInteger(arg(args, 1)) : toInteger(arg(args, 1)))
    const stop = toInteger(arg(args, 2)) < 0 ? n + toInteger(arg(args, 2)) : toInteger(arg(args, 2))
    members = members.slice(start, stop + 1)
  }
  const withScores = options.includes('WITHSCORES')
  return members.flatMap(([member, score]) => (withScores ? [member, formatScore(score)] : [member]))
}

const zsetCommands: Record<string, Handler> = {
  zadd,
  zrange,
  zrem: (ks, args, name) => (arity(name, args, 2, Infinity), removeFrom(ks, arg(args, 0), 'zset', args.slice(1))),
  zcard: (ks, args, name) => (arity(name, args, 1), ks.read(arg(args, 0), 'zset')?.size ?? 0),
  zscore: (ks, args, name) => {
    arity(name, args, 2)
    const score = ks.read(arg(args, 0), 'zset')?.get(arg(args, 1))
    return score === undefined ? null : formatScore(score)
  },
  zremrangebyscore: (ks, args, name) => {
    arity(name, args, 3)
    const [min, max] = [toBound(arg(args, 1)), toBound(arg(args, 2))]
    const doomed = sortedMembers(ks, arg(args, 0)).filter(([, s]) => above(s, min) && below(s, max))
    return removeFrom(ks, arg(args, 0), 'zset', doomed.map(([member]) => member))
  },
}

export const collectionCommands: Record<string, Handler> = {
  ...setCommands,
  ...hashCommands,
  ...zsetCommands,
}
