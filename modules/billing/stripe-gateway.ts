import 'server-only'
import Stripe from 'stripe'
import type { StripeConfig } from './config'
import type { SubscriptionStatus } from './contract'

// The only file that imports 'stripe'. Everything else sees the plain, JSON-safe shapes below, so a
// Stripe SDK upgrade (they move fields between API versions) is a change to this file alone.

/** A Stripe event, reduced to what intake needs. */
export type StripeEventSummary = {
  id: string
  type: string
  /** Unix seconds. */
  created: number
  customerId: string | null
  /** tenantId our checkout put on the object (client_reference_id or metadata), if any. */
  tenantHint: string | null
}

/** A subscription as the job stores it (JSON-safe: it crosses an Inngest step). */
export type SubscriptionSnapshot = {
  id: string
  customerId: string
  /** Stripe's status; newer API versions may add values, so it stays a string here. */
  status: SubscriptionStatus | (string & {})
  priceId: string | null
  /** The subscription item that carries the price and the quantity (our checkout makes exactly one). */
  itemId: string | null
  quantity: number
  /** Unix seconds. */
  currentPeriodEnd: number | null
  cancelAtPeriodEnd: boolean
  trialEnd: number | null
  created: number
}

const clients = new Map<string, Stripe>()

function stripeClient(config: StripeConfig): Stripe {
  const cacheKey = `${config.secretKey}@${config.apiBase?.href ?? ''}`
  let client = clients.get(cacheKey)
  if (!client) {
    const base = config.apiBase
    client = new Stripe(config.secretKey, {
      // A job step should fail and be retried by Inngest rather than hang for the SDK's 80 s default.
      timeout: 20_000,
      telemetry: false,
      ...(base
        ? {
            host: base.hostname,
            port: base.port || (base.protocol === 'https:' ? 443 : 80),
            protocol: base.protocol === 'https:' ? 'https' : 'http',
            maxNetworkRetries: 0,
          }
        : {}),
    })
    clients.set(cacheKey, client)
  }
  return client
}

/** Verifies the signature on the raw body; throws Stripe's signature error when it does not match. */
export async function verifyStripeEvent(config: StripeConfig, rawBody: string, signature: string): Promise<StripeEventSummary> {
  const event = await stripeClient(config).webhooks.constructEventAsync(rawBody, signature, config.webhookSecret)
  const object = event.data.object as unknown as Record<string, unknown>
  const metadata = (object.metadata ?? {}) as Record<string, unknown>
  const hint = object.client_reference_id ?? metadata.tenantId
  return {
    id: event.id,
    type: event.type,
    created: event.created,
    customerId: idOf(object.customer),
    tenantHint: typeof hint === 'string' && hint !== '' ? hint : null,
  }
}

export function isSignatureError(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeSignatureVerificationError
}

/** Every subscription of a customer, newest first (one page of 100 is plenty for one customer). */
export async function listSubscriptionsOfCustomer(config: StripeConfig, customerId: string): Promise<SubscriptionSnapshot[]> {
  const page = await stripeClient(config).subscriptions.list({ customer: customerId, status: 'all', limit: 100 })
  return page.data.map(toSnapshot).sort((a, b) => b.created - a.created)
}

/** One subscription as Stripe has it now. */
export async function getSubscription(config: StripeConfig, subscriptionId: string): Promise<SubscriptionSnapshot> {
  return toSnapshot(await stripeClient(config).subscriptions.retrieve(subscriptionId))
}

/**
 * Sets a subscription item's quantity (seats on a per-seat price). Stripe prorates the change on the
 * next invoice (its default, stated so a reader does not have to know it). The idempotency key must
 * be unique per intended change: Stripe replays the first answer for a key for 24 h, so a key reused
 * for 3 -> 4 -> 3 -> 4 would silently skip the last change.
 */
export async function setSubscriptionItemQuantity(config: StripeConfig, itemId: string, quantity: number, idempotencyKey: string): Promise<void> {
  await stripeClient(config).subscriptionItems.update(itemId, { quantity, proration_behavior: 'create_prorations' }, { idempotencyKey })
}

/**
 * The subscriptions our checkout made for a tenant (it puts tenantId in their metadata), found by
 * Stripe's Search API: the way to them once the tenant's own records are gone. Search is eventually
 * consistent (Stripe: usually under a minute), which is why callers retry an empty answer.
 */
export async function searchSubscriptionsOfTenant(config: StripeConfig, tenantId: string): Promise<SubscriptionSnapshot[]> {
  const page = await stripeClient(config).subscriptions.search({ query: `metadata['tenantId']:'${tenantId}'`, limit: 100 })
  return page.data.map(toSnapshot)
}

/** Ends a subscription now (no proration credit: Stripe's default). Safe to repeat with the same key. */
export async function cancelSubscriptionNow(config: StripeConfig, subscriptionId: string, idempotencyKey: string): Promise<void> {
  await stripeClient(config).subscriptions.cancel(subscriptionId, {}, { idempotencyKey })
}

function toSnapshot(sub: Stripe.Subscription): SubscriptionSnapshot {
  // Since API 2025-03-31.basil the billing period lives on the items, not on the subscription.
  const item = sub.items.data[0]
  return {
    id: sub.id,
    customerId: idOf(sub.customer) ?? '',
    status: sub.status,
    priceId: item?.price.id ?? null,
    itemId: item?.id ?? null,
    quantity: item?.quantity ?? 1,
    currentPeriodEnd: item?.current_period_end ?? null,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    trialEnd: sub.trial_end,
    created: sub.created,
  }
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id
  return null
}

export type CheckoutRequest = {
  priceId: string
  /** Seats for a per-seat price, 1 for a flat one. */
  quantity: number
  tenantId: string
  customerId: string | null
  email: string | null
  trialDays: number | null
  successUrl: string
  cancelUrl: string
}

/**
 * A Checkout Session for a subscription. The tenant id goes on the session and on the subscription:
 * that is how the webhook job routes a customer it has not seen before.
 */
export async function createCheckoutSession(config: StripeConfig, request: CheckoutRequest): Promise<string> {
  const session = await stripeClient(config).checkout.sessions.create(
    {
      mode: 'subscription',
      line_items: [{ price: request.priceId, quantity: request.quantity }],
      client_reference_id: request.tenantId,
      ...(request.customerId ? { customer: request.customerId } : request.email ? { customer_email: request.email } : {}),
      subscription_data: {
        metadata: { tenantId: request.tenantId },
        ...(request.trialDays ? { trial_period_days: request.trialDays } : {}),
      },
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
    },
    // One click, one session: a double submit within a minute reuses it.
    { idempotencyKey: `checkout:${request.tenantId}:${request.priceId}:${request.quantity}:${Math.floor(Date.now() / 60_000)}` },
  )
  if (!session.url) throw new Error('Stripe returned a checkout session without a URL')
  return session.url
}

/** A Customer Portal session (upgrade, downgrade, cancel, payment methods). */
export async function createPortalSession(config: StripeConfig, customerId: string, returnUrl: string): Promise<string> {
  const session = await stripeClient(config).billingPortal.sessions.create({ customer: customerId, return_url: returnUrl })
  return session.url
}
