// Signed Stripe webhook deliveries for the load generator: every request a new event id, except
// that every `redeliverEvery`-th one re-sends an event already sent (Stripe's at-least-once
// delivery), re-signed with a fresh timestamp as Stripe does. Signed with Stripe's own helper.
import { randomBytes } from 'node:crypto'
import type autocannon from 'autocannon'
import Stripe from 'stripe'

export type WebhookLoad = {
  /** A customer the app already knows (its BillingAccount), so intake routes it to that tenant. */
  customerId: string
  webhookSecret: string
  /** 10: every 10th request is a redelivery. */
  redeliverEvery: number
}

const signer = new Stripe('sk_test_bench_signer_only')

function eventBody(customerId: string): string {
  const now = Math.floor(Date.now() / 1000)
  const subscription = {
    id: `sub_${randomBytes(8).toString('hex')}`,
    object: 'subscription',
    customer: customerId,
    status: 'active',
    cancel_at_period_end: false,
    metadata: {},
  }
  return JSON.stringify({
    id: `evt_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: now,
    data: { object: subscription },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'customer.subscription.updated',
  })
}

/** autocannon's per-request hook: a new signed event, or a redelivery of a recent one. */
export function stripeWebhookRequests(load: WebhookLoad): (request: autocannon.Request) => autocannon.Request {
  const recent: string[] = []
  let sent = 0
  return (request) => {
    sent++
    const redelivery = sent % load.redeliverEvery === 0 && recent.length > 0
    const body = redelivery ? (recent[Math.floor(Math.random() * recent.length)] ?? '') : eventBody(load.customerId)
    if (!redelivery) {
      recent.push(body)
      if (recent.length > 1000) recent.shift()
    }
    const signature = signer.webhooks.generateTestHeaderString({ payload: body, secret: load.webhookSecret })
    return { ...request, method: 'POST', body, headers: { ...request.headers, 'content-type': 'application/json', 'stripe-signature': signature } }
  }
}
