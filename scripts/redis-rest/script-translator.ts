import type { Command, CommandResult } from './backend'
import { sha1Hex, stripUpstashOnlyFlags } from './lua-shebang'

export interface TranslatedCommand {
  command: string[]
  /** Rewrites Redis's reply back into what the client expects, when the command was changed. */
  mapResult?: (result: CommandResult) => CommandResult
}

// Plenty for a few dozen app scripts; the cap only guards against a client that sends
// endless distinct scripts.
const MAX_REMEMBERED_SCRIPTS = 10_000

/**
 * Keeps Upstash-only script flags away from Redis while the client keeps its own view of
 * script names. @upstash/redis and @upstash/ratelimit call EVALSHA with the SHA1 of the
 * script they hold (flag included); Redis only knows the SHA1 of the stripped script. So
 * this remembers original SHA -> stripped SHA, learned from EVAL and SCRIPT LOAD.
 *
 * An EVALSHA this has never seen goes to Redis unchanged: a script without the flag is known
 * under its own SHA, and an unknown one gets Redis's own NOSCRIPT, after which the client
 * falls back to EVAL and this learns the pair. That also covers a restart of the endpoint,
 * which forgets the map while Redis still holds the scripts.
 */
export class ScriptTranslator {
  readonly #strippedShaByOriginal = new Map<string, string>()

  translate(command: Command): TranslatedCommand {
    const name = (command[0] ?? '').toLowerCase()
    if (name === 'eval' || name === 'eval_ro') return this.#evalScript(command)
    if (name === 'evalsha' || name === 'evalsha_ro') {
      return { command: this.#withShaAt(command, 1) }
    }
    if (name === 'script') {
      const sub = (command[1] ?? '').toLowerCase()
      if (sub === 'load') return this.#scriptLoad(command)
      if (sub === 'exists') {
        return { command: command.map((arg, i) => (i >= 2 ? this.#redisSha(arg) : arg)) }
      }
    }
    return { command: [...command] }
  }

  #evalScript(command: Command): TranslatedCommand {
    const script = command[1]
    if (script === undefined) return { command: [...command] }
    const stripped = this.#learn(script)
    return { command: command.map((arg, i) => (i === 1 ? stripped : arg)) }
  }

  #scriptLoad(command: Command): TranslatedCommand {
    const script = command[2]
    if (script === undefined) return { command: [...command] }
    const stripped = this.#learn(script)
    if (stripped === script) return { command: [...command] }
    const originalSha = sha1Hex(script)
    return {
      command: command.map((arg, i) => (i === 2 ? stripped : arg)),
      // Redis names the script by the stripped text; the client will EVALSHA the original.
      mapResult: (result) => ('error' in result ? result : { result: originalSha }),
    }
  }

  #withShaAt(command: Command, index: number): string[] {
    return command.map((arg, i) => (i === index ? this.#redisSha(arg) : arg))
  }

  #redisSha(sha: string): string {
    return this.#strippedShaByOriginal.get(sha.toLowerCase()) ?? sha
  }

  /** Returns the script Redis should see, remembering its name pair when it differs. */
  #learn(script: string): string {
    const stripped = stripUpstashOnlyFlags(script)
    if (stripped === script) return script
    const originalSha = sha1Hex(script)
    if (!this.#strippedShaByOriginal.has(originalSha)) {
      if (this.#strippedShaByOriginal.size >= MAX_REMEMBERED_SCRIPTS) {
        const oldest = this.#strippedShaByOriginal.keys().next()
        if (!oldest.done) this.#strippedShaByOriginal.delete(oldest.value)
      }
      this.#strippedShaByOriginal.set(originalSha, sha1Hex(stripped))
    }
    return stripped
  }
}
