/**
 * What the REST endpoint needs from a Redis: run one command, a pipeline, or a MULTI/EXEC
 * transaction. Two implementations: a real Redis over ioredis (redis-backend.ts) and an
 * in-memory one for `npm run dev` without Redis (memory-backend.ts).
 */

/** A Redis reply as the wire gives it: bulk strings may be bytes (Buffer) or text. */
export type RedisReply = string | Buffer | number | null | RedisReply[]

/**
 * Redis's answer to one command. An error reply is data here, not an exception, because the
 * REST API reports it per command (`{ error }`) next to the other commands' results.
 */
export type CommandResult = { result: RedisReply } | { error: string }

/** A command as Redis receives it: name first, every argument already a string. */
export type Command = readonly string[]

export interface RedisBackend {
  /** Runs one command. Throws only when Redis itself cannot be reached. */
  run(command: Command): Promise<CommandResult>
  /** Runs commands in order, one round trip, not atomically; one result per command. */
  pipeline(commands: readonly Command[]): Promise<CommandResult[]>
  /**
   * Runs commands inside MULTI/EXEC. A command that fails while running gives its own
   * `{ error }`; a transaction Redis refuses as a whole (EXECABORT) gives one `{ error }`.
   */
  transaction(commands: readonly Command[]): Promise<CommandResult[] | { error: string }>
  close(): Promise<void>
}

/** Thrown by the in-memory commands for what Redis answers with an error reply. */
export class RedisReplyError extends Error {
  override readonly name = 'RedisReplyError'
}

export function isErrorResult(r: CommandResult): r is { error: string } {
  return 'error' in r
}
