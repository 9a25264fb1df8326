import { createHash } from 'node:crypto'

/**
 * Upstash-only shebang flag that @upstash/ratelimit >= 2.1 puts on every script. Real Redis 7
 * refuses it ("ERR Unexpected flag in script shebang"), so it never reaches Redis.
 */
export const UPSTASH_ONLY_FLAG = 'allow-key-locking'

/** SHA1 hex digest, the way Redis and @upstash/redis name a script. */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

/**
 * Removes `allow-key-locking` from a `#!lua flags=...` first line and keeps every other flag.
 * Returns the script unchanged (same string) when there is nothing to remove.
 */
export function stripUpstashOnlyFlags(script: string): string {
  if (!script.startsWith('#!')) return script
  const lineEnd = script.indexOf('\n')
  const shebang = lineEnd === -1 ? script : script.slice(0, lineEnd)
  const rest = lineEnd === -1 ? '' : script.slice(lineEnd)
  const tokens = shebang.split(' ')
  let changed = false
  const kept = tokens.flatMap((token) => {
    if (!token.startsWith('flags=')) return [token]
    const flags = token.slice('flags='.length).split(',')
    const others = flags.filter((flag) => flag !== UPSTASH_ONLY_FLAG)
    if (others.length === flags.length) return [token]
    changed = true
    // `#!lua` alone means "no flags" to Redis 7, same as an empty `flags=`.
    return others.length === 0 ? [] : [`flags=${others.join(',')}`]
  })
  return changed ? kept.join(' ') + rest : script
}

/** The script without its shebang line: names a script's body whatever its flags. */
export function scriptBody(script: string): string {
  if (!script.startsWith('#!')) return script
  const lineEnd = script.indexOf('\n')
  return lineEnd === -1 ? '' : script.slice(lineEnd + 1)
}
