import type { Command } from './backend'

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

/**
 * @upstash/redis sends strings, numbers and booleans as JSON scalars; anything else it has
 * already turned into a JSON string. A null means the caller passed `undefined`.
 */
function parseCommand(value: unknown, where: string): Parsed<Command> {
  if (!Array.isArray(value) || value.length === 0) {
    return { ok: false, message: `${where} must be a non-empty JSON array like ["SET","key","value"]` }
  }
  const command: string[] = []
  for (const [i, arg] of value.entries()) {
    if (typeof arg === 'string') command.push(arg)
    else if (typeof arg === 'number' || typeof arg === 'boolean') command.push(String(arg))
    else {
      const got = arg === null ? 'null' : Array.isArray(arg) ? 'an array' : typeof arg
      return { ok: false, message: `${where}: argument ${i} must be a string, number or boolean, got ${got}` }
    }
  }
  return { ok: true, value: command }
}

/** Body of `POST /`: one command. */
export function parseSingle(body: unknown): Parsed<Command> {
  return parseCommand(body, 'The request body')
}

/** Body of `POST /pipeline` and `POST /multi-exec`: an array of commands. */
export function parseBatch(body: unknown): Parsed<Command[]> {
  if (!Array.isArray(body) || body.length === 0) {
    return { ok: false, message: 'The request body must be a non-empty JSON array of commands like [["GET","a"],["GET","b"]]' }
  }
  const commands: Command[] = []
  for (const [i, item] of body.entries()) {
    const parsed = parseCommand(item, `Command ${i}`)
    if (!parsed.ok) return parsed
    commands.push(parsed.value)
  }
  return { ok: true, value: commands }
}

/** Parses JSON, naming the problem instead of answering with a stack trace. */
export function parseJson(text: string): Parsed<unknown> {
  if (text.trim() === '') return { ok: false, message: 'Empty request body: expected a JSON array' }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { ok: false, message: `Invalid JSON in request body: ${detail}` }
  }
}
