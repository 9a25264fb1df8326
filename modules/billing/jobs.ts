import 'server-only'
import { NonRetriableError } from 'inngest'
import { inngest, reportJobFailure, tenantContextFromEvent } from '@/lib/jobs'
import { organizationDeleted, seatsChanged } from '@/modules/users'
import { BillingError } from './errors'
import { accountResyncRequested, stripeEventReceived, subscriptionSynced } from './events'
import { notifyTrialEnding } from './notify-owners'
import { cancelSubscriptionsOfDeletedTenant } from './organization-closed'
import { syncSeatQuantity } from './seat-quantity'
import { syncBillingAccount } from './sync'

// Inngest functions of the billing module, served by app/api/inngest/route.ts.

/**
 * Any Stripe event about a tenant's subscription, or a stored state that looks stale: read the
 * subscription from Stripe and store what it says now. One run at a time per tenant, and read +
 * write in ONE step: a step of another run can never slip between this run's read and its write,
 * so the last write is the newest state.
 */
export const syncSubscriptionJob = inngest.createFunction(
  {
    id: 'billing-sync-subscription',
    triggers: [stripeEventReceived, accountResyncRequested],
    concurrency: { key: 'event.data.tenantId', limit: 1 },
    retries: 5,
    onFailure: reportJobFailure,
  },
  async ({ event, step }) => {
    const account = await step.run('sync-billing-account', async () => {
      const ctx = tenantContextFromEvent(event.data)
      // A resync request is "now": no Stripe event time to order it by.
      const eventCreated = 'created' in event.data ? event.data.created : Math.floor(Date.now() / 1000)
      try {
        return await syncBillingAccount(ctx, { customerId: event.data.customerId, eventCreated })
      } catch (error) {
        // Retrying cannot make another tenant's customer ours.
        if (error instanceof BillingError && error.code === 'billing.customer_mismatch') throw new NonRetriableError(error.message, { cause: error })
        throw error
      }
    })
    const data = event.data
    if ('type' in data && data.type === 'customer.subscription.trial_will_end') {
      // A step of its own: a failed email is retried without syncing again, a sent one is not resent.
      await step.run('email-trial-ending', () => notifyTrialEnding(tenantContextFromEvent(data), data.stripeEventId, account))
    }
    await step.sendEvent(
      'announce-subscription-synced',
      subscriptionSynced.create({ tenantId: event.data.tenantId, plan: account.plan, status: account.status, seats: account.seats }),
    )
    return account
  },
)

/**
 * Keeps the subscription quantity on the seats in use (docs/decisions/010-billing-seat-quantity.md).
 * Runs after members or invitations change, and after every sync (a plan change, a new checkout).
 * Debounced per tenant, so a burst of invitations makes one Stripe update with the final count, and
 * one run at a time per tenant. It counts again each run: the event says "look", never "set to N".
 */
export const syncSeatQuantityJob = inngest.createFunction(
  {
    id: 'billing-sync-seat-quantity',
    triggers: [seatsChanged, subscriptionSynced],
    debounce: { key: 'event.data.tenantId', period: '10s', timeout: '2m' },
    concurrency: { key: 'event.data.tenantId', limit: 1 },
    retries: 5,
    onFailure: reportJobFailure,
  },
  async ({ event, step, runId }) =>
    // The run id keys Stripe's idempotency: a retried step repeats the same request, a later run
    // (a later change) is a new one.
    step.run('sync-seat-quantity', () => syncSeatQuantity(tenantContextFromEvent(event.data), `seats:${runId}`)),
)

/**
 * An organization was deleted (by its owner, or with the account of its only member): its Stripe
 * subscriptions end now. Stripe's search can lag a just-created subscription by up to a minute, so
 * the function looks once more a few minutes later before it is done.
 */
export const cancelOnOrganizationDeletedJob = inngest.createFunction(
  { id: 'billing-cancel-deleted-organization', triggers: [organizationDeleted], retries: 5, onFailure: reportJobFailure },
  async ({ event, step }) => {
    const first = await step.run('cancel-subscriptions', () => cancelSubscriptionsOfDeletedTenant(event.data.tenantId))
    if (first.action === 'billing_off') return first
    await step.sleep('let-stripe-search-catch-up', '5m')
    const second = await step.run('cancel-subscriptions-again', () => cancelSubscriptionsOfDeletedTenant(event.data.tenantId))
    return { action: 'done', canceled: [...first.canceled, ...(second.action === 'done' ? second.canceled : [])] }
  },
)

/** Every Inngest function of this module. */
export const billingJobs = [syncSubscriptionJob, syncSeatQuantityJob, cancelOnOrganizationDeletedJob]
