// One run of one function, driven the way Inngest's executor drives it: call the app's serve
// endpoint, memoize what each answer reports, call again until the function returns or fails.
// Each step retries on its own counter with backoff; a final step error goes back to the function,
// which may catch it. Sleeps are waited out. See docs/decisions/011-local-jobs-runner.md.
import { createHash } from 'node:crypto'
import type { KeyedLimiter } from './concurrency'
import { millisecondsUntil } from './duration'
import type { CallRequestBody, InngestEvent, Op, SerializedError, StepResult, SupportedOp } from './protocol'
import type { RegisteredFunction } from './registry'

export type RunOutcome = { status: 'completed'; output: unknown } | { status: 'failed'; error: SerializedError }

export type RunOptions = {
  runId: string
  limiter: KeyedLimiter
  /** Retry delays are short on purpose (tests), but grow like Inngest's: base * 2^attempt, capped. */
  retryBaseMs: number
  retryMaxMs: number
  /** How long one call request may take before it counts as a failed attempt. */
  callTimeoutMs: number
  log: (line: string) => void
}

// The SDK reports a function's own end with this id when it also ships buffered ops.
const RUN_COMPLETE_ID = createHash('sha1').update('complete').digest('hex')

type Answer =
  | { kind: 'ops'; ops: Op[] }
  | { kind: 'done'; output: unknown }
  | { kind: 'error'; error: SerializedError; retriable: boolean; retryAfterMs: number | null }

async function call(fn: RegisteredFunction, stepId: string, body: CallRequestBody, timeoutMs: number): Promise<Answer> {
  const url = new URL(fn.url)
  url.searchParams.set('stepId', stepId)
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      // The SDK warns when a dev-mode request does not say it comes from a dev server.
      headers: { 'content-type': 'application/json', 'x-inngest-server-kind': 'dev', 'x-run-id': body.ctx.run_id },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    return { kind: 'error', error: { name: 'FetchError', message: `cannot reach ${url.origin}: ${String(error)}` }, retriable: true, retryAfterMs: null }
  }
  const text = await response.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = { name: 'Error', message: `non-JSON answer (${response.status}): ${text.slice(0, 200)}` }
  }
  if (response.status === 200) return { kind: 'done', output: json }
  if (response.status === 206) return { kind: 'ops', ops: (Array.isArray(json) ? json : [json]) as Op[] }
  const retryAfter = response.headers.get('retry-after')
  return {
    kind: 'error',
    error: (json && typeof json === 'object' ? json : { message: String(json) }) as SerializedError,
    retriable: response.headers.get('x-inngest-no-retry') !== 'true',
    retryAfterMs: retryAfter ? millisecondsUntil(retryAfter) : null,
  }
}

const describe = (error: SerializedError | undefined) => `${error?.name ?? 'Error'}: ${error?.message ?? JSON.stringify(error)}`

export async function runFunction(fn: RegisteredFunction, event: InngestEvent, options: RunOptions): Promise<RunOutcome> {
  const steps: Record<string, StepResult> = {}
  const stack: string[] = []
  // Step ids the app planned and that are waiting for their own call request, in order.
  const planned: string[] = []
  let attempt = 0
  let disableImmediateExecution = false
  const slots = fn.concurrency.map((c) => ({ key: c.key(event), limit: c.limit }))
  const memoize = (id: string, result: StepResult) => {
    steps[id] = result
    stack.push(id)
    attempt = 0
  }
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  for (;;) {
    const stepId = planned[0] ?? 'step'
    const body: CallRequestBody = {
      event,
      events: [event],
      steps,
      ctx: {
        run_id: options.runId,
        attempt,
        max_attempts: fn.maxAttempts,
        disable_immediate_execution: disableImmediateExecution,
        use_api: false,
        stack: { stack: [...stack], current: stack.length },
      },
      version: 2,
    }
    const answer = await options.limiter.run(slots, () => call(fn, stepId, body, options.callTimeoutMs))

    if (answer.kind === 'done') return { status: 'completed', output: answer.output }
    if (answer.kind === 'error') {
      if (!answer.retriable || attempt + 1 >= fn.maxAttempts) return { status: 'failed', error: answer.error }
      options.log(`${fn.id} attempt ${attempt + 1}/${fn.maxAttempts} failed (${describe(answer.error)}); retrying`)
      await wait(Math.min(answer.retryAfterMs ?? options.retryBaseMs * 2 ** attempt, options.retryMaxMs))
      attempt++
      continue
    }

    if (stepId !== 'step') planned.shift()
    const newlyPlanned: string[] = []
    for (const op of answer.ops) {
      switch (op.op as SupportedOp) {
        case 'RunComplete':
          return { status: 'completed', output: op.data ?? null }
        case 'StepRun':
        case 'Step':
          memoize(op.id, { data: op.data ?? null })
          break
        case 'StepFailed':
          if (op.id === RUN_COMPLETE_ID) return { status: 'failed', error: op.error ?? {} }
          // Out of retries: the function gets the error back (and may catch it).
          memoize(op.id, { error: op.error ?? {} })
          break
        case 'StepError':
          // Retriable: the same call request again with the next attempt number.
          if (attempt + 1 >= fn.maxAttempts) {
            if (op.id === RUN_COMPLETE_ID) return { status: 'failed', error: op.error ?? {} }
            memoize(op.id, { error: op.error ?? {} })
            break
          }
          options.log(`${fn.id} step ${op.displayName ?? op.id} attempt ${attempt + 1}/${fn.maxAttempts} failed (${describe(op.error)}); retrying`)
          if (stepId !== 'step') planned.unshift(stepId)
          await wait(Math.min(options.retryBaseMs * 2 ** attempt, options.retryMaxMs))
          attempt++
          break
        case 'StepPlanned':
          newlyPlanned.push(op.id)
          break
        case 'Sleep': {
          const ms = millisecondsUntil(String(op.opts?.duration ?? '0s')) ?? 0
          options.log(`${fn.id} sleeps ${String(op.opts?.duration)} (${op.displayName ?? op.id})`)
          await wait(ms)
          memoize(op.id, { data: null })
          break
        }
        default:
          return {
            status: 'failed',
            error: {
              name: 'UnsupportedStep',
              message: `step "${op.displayName ?? op.id}" uses ${op.op}, which the local jobs runner (scripts/jobs-runner) does not carry out; run the Inngest dev server for it`,
            },
          }
      }
    }
    // Parallel steps: from now on the app must plan every step before running it (SDK spec 5.5).
    if (newlyPlanned.length > 1) disableImmediateExecution = true
    planned.push(...newlyPlanned)
  }
}
