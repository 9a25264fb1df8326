import 'server-only'
import { NonRetriableError } from 'inngest'
import { inngest, reportJobFailure, tenantContextFromEvent } from '@/lib/jobs'
import { BillingError } from './errors'
import { stripeEventReceived, subscriptionSynced } from './events'
import { syncBillingAccount } from './sync'

// Inngest functions of the billing module, served by app/api/inngest/route.ts.

/**
 * Any Stripe event about a tenant's subscription: read the subscription from Stripe and store what
 * it says now. One run at a time per tenant, and read + write in ONE step: a step of another run
 * can never slip between this run's read and its write, so the last write is the newest state.
 */
export const syncSubscriptionJob = inngest.createFunction(
  {
    id: 'billing-sync-subscription',
    triggers: [stripeEventReceived],
    concurrency: { key: 'event.data.tenantId', limit: 1 },
    retries: 5,
    onFailure: reportJobFailure,
  },
  async ({ event, step }) => {
    const account = await step.run('sync-billing-account', async () => {
      const ctx = tenantContextFromEvent(event.data)
      try {
        return await syncBillingAccount(ctx, { customerId: event.data.customerId, eventCreated: event.data.created })
      } catch (error) {
        // Retrying cannot make another tenant's customer ours.
        if (error instanceof BillingError && error.code === 'billing.customer_mismatch') throw new NonRetriableError(error.message, { cause: error })
        throw error
      }
    })
    await step.sendEvent(
      'announce-subscription-synced',
      subscriptionSynced.create({ tenantId: event.data.tenantId, plan: account.plan, status: account.status, seats: account.seats }),
    )
    return account
  },
)

/** Every Inngest function of this module. */
export const billingJobs = [syncSubscriptionJob]
