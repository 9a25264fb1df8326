// The functions an app registered (its sync payload), compiled once: which events trigger each,
// how many attempts it gets, and the concurrency keys its steps are limited by.
import { millisecondsUntil } from './duration'
import { compileExpression, type Expression } from './expression'
import { DEFAULT_RETRIES, type FunctionConfig, type InngestEvent, type SyncPayload } from './protocol'

export type ConcurrencyLimit = { limit: number; key: (event: InngestEvent) => string }

export type RegisteredFunction = {
  id: string
  /** The app's serve endpoint with `fnId` set (the SDK builds it; `stepId` is set per call). */
  url: string
  triggers: { event: string; matches: (event: InngestEvent) => boolean }[]
  /** First attempt plus retries, per step (Inngest's meaning of `retries`). */
  maxAttempts: number
  concurrency: ConcurrencyLimit[]
  /** Runs only after `periodMs` without another event of the same key, with the latest event. */
  debounce: { key: (event: InngestEvent) => string; periodMs: number; timeoutMs: number | null } | null
}

/**
 * Options Inngest enforces and this runner does not. They change how many runs happen and when,
 * never what a run does; registering one logs a warning so nobody trusts a local run for them.
 */
const NOT_ENFORCED = ['batchEvents', 'cancel', 'idempotency', 'priority', 'rateLimit', 'singleton', 'throttle', 'timeouts']

const asScope = (event: InngestEvent) => ({ event })

function compileTriggers(config: FunctionConfig, warn: (line: string) => void): RegisteredFunction['triggers'] {
  const triggers: RegisteredFunction['triggers'] = []
  for (const trigger of config.triggers) {
    if ('cron' in trigger) {
      warn(`${config.id}: cron "${trigger.cron}" never fires in the local runner; send its event by hand to run it`)
      continue
    }
    const expression: Expression | null = trigger.expression ? compileExpression(trigger.expression) : null
    triggers.push({
      event: trigger.event,
      matches: (event) => event.name === trigger.event && (!expression || Boolean(expression(asScope(event)))),
    })
  }
  return triggers
}

function compileConcurrency(config: FunctionConfig): ConcurrencyLimit[] {
  const raw = config.concurrency
  if (raw === undefined || raw === 0) return []
  const limits = typeof raw === 'number' ? [{ limit: raw }] : Array.isArray(raw) ? raw : [raw]
  return limits
    .filter((c) => c.limit > 0)
    .map((c, index) => {
      const key = 'key' in c && c.key ? compileExpression(c.key) : null
      // `fn` scope (the default) keeps the limit to this function; env/account share it.
      const scope = 'scope' in c && c.scope && c.scope !== 'fn' ? c.scope : `${config.id}#${index}`
      return { limit: c.limit, key: (event) => `${scope}:${key ? String(key(asScope(event)) ?? '') : ''}` }
    })
}

function compileDebounce(config: FunctionConfig): RegisteredFunction['debounce'] {
  const raw = config.debounce as { key?: string; period: string; timeout?: string } | undefined
  if (!raw) return null
  const key = raw.key ? compileExpression(raw.key) : null
  return {
    key: (event) => `${config.id}:${key ? String(key(asScope(event)) ?? '') : ''}`,
    periodMs: millisecondsUntil(raw.period) ?? 0,
    timeoutMs: raw.timeout ? millisecondsUntil(raw.timeout) : null,
  }
}

/** Compiles a sync payload; throws when a trigger or key uses an expression the runner cannot read. */
export function compileSync(payload: SyncPayload, warn: (line: string) => void): RegisteredFunction[] {
  return payload.functions.map((config) => {
    for (const option of NOT_ENFORCED) {
      if (config[option] !== undefined && config[option] !== null) warn(`${config.id}: \`${option}\` is not enforced by the local runner`)
    }
    const retries = config.steps.step.retries?.attempts ?? DEFAULT_RETRIES
    return {
      id: config.id,
      url: config.steps.step.runtime.url,
      triggers: compileTriggers(config, warn),
      maxAttempts: retries + 1,
      concurrency: compileConcurrency(config),
      debounce: compileDebounce(config),
    }
  })
}

/** The functions `event` starts a run of (one run per function, even if several triggers match). */
export function functionsTriggeredBy(functions: Iterable<RegisteredFunction>, event: InngestEvent): RegisteredFunction[] {
  return [...functions].filter((fn) => fn.triggers.some((t) => t.matches(event)))
}
