// Redis in this process's memory, for `npm run dev` on a machine without Redis. It covers what
// sessions and @upstash/ratelimit 2.2 use (strings with expiry, keys, sets, hashes, sorted sets,
// SCAN, the ratelimit scripts); anything else gets an error naming REDIS_URL. Tests use a real
// Redis. Data is gone when the process ends.
import { RedisReplyError, type Command, type CommandResult, type RedisBackend, type RedisReply } from './backend'
import { arg, arity, fail, toInteger, type Handler } from './memory-args'
import { collectionCommands } from './memory-commands-collections'
import { keyCommands } from './memory-commands-keys'
import { findScriptTwin, type ScriptTwin } from './memory-scripts'
import { Keyspace } from './memory-store'
import { sha1Hex } from './lua-shebang'

const SWEEP_EVERY_MS = 60_000
const USE_REAL_REDIS = 'set REDIS_URL to use a real Redis'
const NO_LUA = `the in-memory Redis runs only the @upstash/ratelimit 2.2 scripts; ${USE_REAL_REDIS}`
const NOT_HERE = `the in-memory Redis supports only what sessions and rate limits use; ${USE_REAL_REDIS}`

function createScriptCommands(): Record<string, Handler> {
  const loaded = new Map<string, ScriptTwin>()

  function learn(script: string): ScriptTwin {
    const twin = findScriptTwin(script)
    if (!twin) fail(`ERR unknown script: ${NO_LUA}`)
    loaded.set(sha1Hex(script), twin)
    return twin
  }

  function call(twin: ScriptTwin, ks: Keyspace, args: string[]): RedisReply {
    const numKeys = toInteger(arg(args, 1))
    if (numKeys < 0) fail("ERR Number of keys can't be negative")
    if (numKeys > args.length - 2) fail("ERR Number of keys can't be greater than number of args")
    return twin(ks, args.slice(2, 2 + numKeys), args.slice(2 + numKeys))
  }

  const evalScript: Handler = (ks, args, name) => (arity(name, args, 2, Infinity), call(learn(arg(args, 0)), ks, args))
  const evalSha: Handler = (ks, args, name) => {
    arity(name, args, 2, Infinity)
    const twin = loaded.get(arg(args, 0).toLowerCase())
    if (!twin) fail('NOSCRIPT No matching script. Please use EVAL.')
    return call(twin, ks, args)
  }
  const script: Handler = (_ks, args, name) => {
    arity(name, args, 1, Infinity)
    const sub = arg(args, 0).toLowerCase()
    if (sub === 'load') return (arity('script|load', args, 2), learn(arg(args, 1)), sha1Hex(arg(args, 1)))
    if (sub === 'exists') return args.slice(1).map((sha) => (loaded.has(sha.toLowerCase()) ? 1 : 0))
    if (sub === 'flush') return (loaded.clear(), 'OK')
    return fail(`ERR unknown subcommand '${arg(args, 0)}'. Try SCRIPT HELP.`)
  }
  return { eval: evalScript, eval_ro: evalScript, evalsha: evalSha, evalsha_ro: evalSha, script }
}

export function createMemoryBackend(): RedisBackend {
  const ks = new Keyspace()
  // A Map, so a command named like an Object.prototype member ("constructor") is just unknown.
  const commands = new Map(Object.entries({ ...keyCommands, ...collectionCommands, ...createScriptCommands() }))
  // Rate-limit windows and abandoned sessions are never read again; without a sweep they stay.
  const sweeper = setInterval(() => ks.sweep(), SWEEP_EVERY_MS)
  sweeper.unref()

  function execute(command: Command): CommandResult {
    const [rawName = '', ...args] = command
    const name = rawName.toLowerCase()
    const handler = commands.get(name)
    if (!handler) return { error: `ERR unknown command '${rawName}': ${NOT_HERE}` }
    try {
      return { result: handler(ks, args, name) }
    } catch (error) {
      if (error instanceof RedisReplyError) return { error: error.message }
      throw error
    }
  }

  return {
    run: async (command) => execute(command),
    pipeline: async (commands) => commands.map(execute),
    // One synchronous pass: nothing else runs in between, which is what MULTI promises. Like
    // Redis, an unknown command aborts the whole transaction before anything runs.
    transaction: async (queued) => {
      if (queued.some(([name = '']) => !commands.has(name.toLowerCase()))) {
        return { error: 'EXECABORT Transaction discarded because of previous errors.' }
      }
      return queued.map(execute)
    },
    close: async () => {
      clearInterval(sweeper)
      ks.flush()
    },
  }
}
