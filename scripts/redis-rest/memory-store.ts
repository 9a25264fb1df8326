import { RedisReplyError } from './backend'

/** The value types the in-memory backend keeps; no lists, streams or modules. */
type DataByType = {
  string: string
  set: Set<string>
  hash: Map<string, string>
  zset: Map<string, number>
}
export type ValueType = keyof DataByType
export type Value = { [T in ValueType]: { type: T; data: DataByType[T] } }[ValueType]

type Entry = { value: Value; expiresAt: number | null }

export const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value'

/** Redis glob (`*`, `?`, `[a-z]`, `[^x]`, `\x`) as a RegExp, for SCAN MATCH and KEYS. */
export function globToRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? ''
    if (ch === '*') source += '[\\s\\S]*'
    else if (ch === '?') source += '[\\s\\S]'
    else if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i] ?? '')
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1)
      if (end === -1) source += '\\['
      else {
        const body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\')
        source += `[${body.startsWith('^') ? '^' + body.slice(1) : body}]`
        i = end
      }
    } else source += escapeRegExp(ch)
  }
  return new RegExp(`^${source}$`)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/**
 * The keyspace: values with optional expiry. Expired keys vanish when touched, and a sweep
 * drops the ones nobody touches again (rate-limit windows, abandoned sessions).
 */
export class Keyspace {
  readonly #entries = new Map<string, Entry>()

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key)
    if (entry && entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry
  }

  typeOf(key: string): ValueType | 'none' {
    return this.#live(key)?.value.type ?? 'none'
  }

  /** The key's data if it holds `type`, undefined if missing; WRONGTYPE otherwise. */
  read<T extends ValueType>(key: string, type: T): DataByType[T] | undefined {
    const entry = this.#live(key)
    if (!entry) return undefined
    if (entry.value.type !== type) throw new RedisReplyError(WRONGTYPE)
    // The type tag was just checked; TypeScript cannot link it to T by itself.
    return entry.value.data as DataByType[T]
  }

  /** The key's collection, created empty (without expiry) when missing. */
  collection<T extends 'set' | 'hash' | 'zset'>(key: string, type: T): DataByType[T] {
    const existing = this.read(key, type)
    if (existing) return existing
    const data = type === 'set' ? new Set<string>() : new Map<string, string | number>()
    this.#entries.set(key, { value: { type, data } as Value, expiresAt: null })
    return data as DataByType[T]
  }

  /** Redis deletes a collection once its last member goes. */
  dropIfEmpty(key: string): void {
    const entry = this.#entries.get(key)
    if (entry && entry.value.type !== 'string' && entry.value.data.size === 0) this.#entries.delete(key)
  }

  setString(key: string, data: string, expiresAt: number | null): void {
    this.#entries.set(key, { value: { type: 'string', data }, expiresAt })
  }

  /** Replaces a string's text and keeps its expiry, as INCR and friends do. */
  updateString(key: string, data: string): void {
    const entry = this.#live(key)
    this.setString(key, data, entry?.expiresAt ?? null)
  }

  delete(key: string): boolean {
    return this.#live(key) !== undefined && this.#entries.delete(key)
  }

  exists(key: string): boolean {
    return this.#live(key) !== undefined
  }

  /** Expiry as epoch ms; null = no expiry; undefined = no such key. */
  expiresAt(key: string): number | null | undefined {
    return this.#live(key)?.expiresAt
  }

  setExpiry(key: string, expiresAt: number | null): boolean {
    const entry = this.#live(key)
    if (!entry) return false
    if (expiresAt !== null && expiresAt <= Date.now()) this.#entries.delete(key)
    else entry.expiresAt = expiresAt
    return true
  }

  keys(): string[] {
    return [...this.#entries.keys()].filter((key) => this.#live(key) !== undefined)
  }

  flush(): void {
    this.#entries.clear()
  }

  sweep(): void {
    for (const key of this.#entries.keys()) this.#live(key)
  }
}
