import * as Sentry from '@sentry/nextjs'
import { moduleLogger } from '../logger'

const log = moduleLogger('jobs')

/** The parts of Inngest's failure event this reads (the function's original event is inside). */
export type JobFailure = {
  error: Error
  event: { data?: { function_id?: string; run_id?: string; event?: { name?: string; data?: { tenantId?: unknown } } } }
}

/**
 * A job that ran out of retries: always logged, and reported to Sentry when it is configured (the
 * SDK is a no-op without a DSN). Every function passes this as its `onFailure`.
 */
export function reportJobFailure({ error, event }: JobFailure): void {
  const original = event.data?.event
  const tenantId = typeof original?.data?.tenantId === 'string' ? original.data.tenantId : undefined
  const functionId = event.data?.function_id
  log.error({ err: error, functionId, runId: event.data?.run_id, event: original?.name, tenantId }, 'background job failed after all retries')
  Sentry.captureException(error, { tags: { functionId, tenantId, event: original?.name } })
}
