import * as Sentry from '@sentry/nextjs'
import { describe, expect, it, vi } from 'vitest'
import { reportJobFailure } from './report-failure'

vi.mock('@sentry/nextjs', () => ({ captureException: vi.fn() }))

describe('reportJobFailure', () => {
  it('reports the error to Sentry tagged with the function, the tenant and the event', () => {
    const error = new Error('Stripe was down for an hour')
    reportJobFailure({
      error,
      event: { data: { function_id: 'tenantkit-billing-sync-subscription', run_id: 'run_1', event: { name: 'billing/stripe-event.received', data: { tenantId: 't-1' } } } },
    })
    expect(Sentry.captureException).toHaveBeenCalledWith(error, {
      tags: { functionId: 'tenantkit-billing-sync-subscription', tenantId: 't-1', event: 'billing/stripe-event.received' },
    })
  })
})
