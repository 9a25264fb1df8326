import 'server-only'
import { findTenantOfStripeCustomer } from '@/lib/db'
import { sendEvent } from '@/lib/jobs'
import { moduleLogger } from '@/lib/logger'
import { getStripeConfig } from './config'
import { BillingError, notConfigured } from './errors'
import { stripeEventReceived } from './events'
import * as repo from './repo'
import { isSignatureError, verifyStripeEvent, type StripeEventSummary } from './stripe-gateway'

// Webhook intake (docs/decisions/009-exactly-once-webhooks.md): verify, record the id, hand over to
// Inngest, remember that it was handed over. No Stripe API call here: the job does those.

const log = moduleLogger('billing.webhook')

/** Events that can change a subscription; every other type is acknowledged and ignored. */
const HANDLED = new Set([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'customer.subscription.trial_will_end',
  'invoice.paid',
  'invoice.payment_failed',
])

export type WebhookOutcome = 'handed_off' | 'duplicate' | 'ignored'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Takes in one Stripe webhook delivery. Throws 400 for a missing or bad signature (nothing stored),
 * 503 when billing is off or the hand-over fails (Stripe retries; the retry is not a duplicate).
 */
export async function receiveStripeWebhook(rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  const config = getStripeConfig()
  if (!config) throw notConfigured()
  if (!signature) {
    throw new BillingError('billing.missing_signature', 'bad_request', 'The Stripe-Signature header is missing.')
  }
  const event = await verifyStripeEvent(config, rawBody, signature).catch((error: unknown) => {
    if (isSignatureError(error)) {
      throw new BillingError('billing.bad_signature', 'bad_request', 'The Stripe signature does not match this body.', { cause: error })
    }
    throw error
  })
  if (!HANDLED.has(event.type) || !event.customerId) return 'ignored'
  const tenant = await routeToTenant(event, event.customerId)
  if (!tenant) {
    // The job converges on every later event (checkout completion names the tenant), so nothing is lost.
    log.warn({ stripeEventId: event.id, type: event.type, customerId: event.customerId }, 'Stripe event for no known tenant: ignored')
    return 'ignored'
  }

  const { handedOffAt } = await repo.recordStripeEvent(event.id, event.type)
  if (handedOffAt) return 'duplicate'
  // Not handed over yet: the first delivery, or a retry after a failed hand-over. Sending twice is
  // harmless: the Stripe event id is the Inngest event id, and Inngest starts one run per id.
  const payload = stripeEventReceived.create(
    { tenantId: tenant.tenantId, tenantSlug: tenant.slug, stripeEventId: event.id, type: event.type, customerId: event.customerId, created: event.created },
    { id: event.id },
  )
  let sent: { skipped?: true }
  try {
    sent = await sendEvent(payload)
  } catch (error) {
    throw handoffFailed(event.id, error)
  }
  if (sent.skipped) throw handoffFailed(event.id, new Error('no Inngest server reachable'))
  await repo.markStripeEventHandedOff(event.id)
  return 'handed_off'
}

/**
 * The tenant an event belongs to. A customer we already know decides; only a customer we have never
 * seen is routed by the tenantId our checkout put on the object. So another tenant's customer can
 * never be routed here, and the job refuses a customer that differs from the tenant's own.
 */
async function routeToTenant(event: StripeEventSummary, customerId: string): Promise<{ tenantId: string; slug: string } | null> {
  const known = await findTenantOfStripeCustomer(customerId, `stripe webhook ${event.type} ${event.id}`)
  if (known) {
    if (event.tenantHint && event.tenantHint !== known.tenantId) {
      log.warn({ stripeEventId: event.id, customerId, hint: event.tenantHint, tenantId: known.tenantId }, 'tenant hint disagrees with the customer; the customer wins')
    }
    return known
  }
  return event.tenantHint && UUID.test(event.tenantHint) ? { tenantId: event.tenantHint, slug: '' } : null
}

function handoffFailed(stripeEventId: string, cause: unknown): BillingError {
  return new BillingError(
    'billing.handoff_failed',
    'unavailable',
    `Event ${stripeEventId} could not be handed to the job queue; Stripe will retry it.`,
    { cause },
  )
}
