// The shapes of Inngest's SDK protocol that the local runner speaks (docs/SDK_SPEC.md in
// inngest/inngest, checked against inngest 4.24's InngestCommHandler): the sync payload an app
// posts to /fn/register, the body of a call request, and the ops a 206 answer carries.

export type InngestEvent = {
  id: string
  name: string
  data: Record<string, unknown>
  ts: number
  user?: Record<string, unknown>
  v?: string
}

export type SerializedError = { name?: string; message?: string; stack?: string; [key: string]: unknown }

type ConcurrencyOption = { limit: number; key?: string; scope?: 'fn' | 'env' | 'account' }

/** One function as the SDK describes it when syncing (a subset; the rest is checked in registry.ts). */
export type FunctionConfig = {
  id: string
  name?: string
  triggers: ({ event: string; expression?: string } | { cron: string })[]
  steps: { step: { runtime: { type: string; url: string }; retries?: { attempts?: number } } }
  concurrency?: number | ConcurrencyOption | ConcurrencyOption[]
  [option: string]: unknown
}

export type SyncPayload = { url: string; appName: string; sdk?: string; functions: FunctionConfig[] }

/** A step's memoized outcome, keyed by its hashed id in the call request. */
export type StepResult = { data: unknown } | { error: SerializedError }

export type CallRequestBody = {
  event: InngestEvent
  events: InngestEvent[]
  steps: Record<string, StepResult>
  ctx: {
    run_id: string
    attempt: number
    max_attempts: number
    disable_immediate_execution: boolean
    use_api: false
    stack: { stack: string[]; current: number }
  }
  version: 2
}

/** What a 206 answer reports. */
export type Op = {
  id: string
  op: string
  name?: string
  displayName?: string
  data?: unknown
  error?: SerializedError
  opts?: Record<string, unknown>
}

/** Ops this runner carries out; any other op fails the run with a message that names it. */
export type SupportedOp = 'StepRun' | 'Step' | 'StepError' | 'StepFailed' | 'StepPlanned' | 'Sleep' | 'RunComplete'

/** Inngest's default when a function sets no `retries`: four retries after the first attempt. */
export const DEFAULT_RETRIES = 4

export const FUNCTION_FAILED_EVENT = 'inngest/function.failed'
