// A local fake of the Stripe API (the few endpoints billing calls), on node:http. The real SDK talks
// to it through STRIPE_API_BASE; objects are shaped like API version 2026-10-28.endive (billing
// period on the subscription items, not on the subscription). Webhooks are signed with Stripe's own
// test helper, so the code under test verifies them exactly as in production.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'

export const FAKE_STRIPE_SECRET_KEY = 'sk_test_fake_tenantkit'
export const FAKE_STRIPE_WEBHOOK_SECRET = 'whsec_fake_tenantkit'
export const API_VERSION = '2026-10-28.endive'

type StripeObject = Record<string, unknown>

export type FakeStripe = {
  url: string
  /** Requests seen, as "GET /v1/subscriptions?customer=…". */
  requests: string[]
  /** Form bodies of the POSTs seen, by path (checkout and portal sessions, subscription items). */
  posted: { path: string; form: URLSearchParams; idempotencyKey: string | undefined }[]
  /** Adds or replaces a subscription (what Stripe "says now"). */
  putSubscription(subscription: StripeObject): void
  /** The form of every Checkout Session created, by session id (the hosted checkout page reads it). */
  checkoutSessions: Map<string, URLSearchParams>
  close(): Promise<void>
}

export type FakeStripeOptions = {
  /** Where a Checkout Session sends the customer; by default a URL nobody serves (API-level tests). */
  checkoutPageUrl?: (sessionId: string) => string
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const subscriptions = new Map<string, StripeObject>()
  const requests: string[] = []
  const posted: FakeStripe['posted'] = []
  const checkoutSessions = new Map<string, URLSearchParams>()
  const replies = new Map<string, StripeObject>()
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    requests.push(`${req.method} ${url.pathname}${url.search}`)
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` })
      res.end(JSON.stringify(body))
    }
    if (req.headers.authorization !== `Bearer ${FAKE_STRIPE_SECRET_KEY}`) {
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } })
    }
    if (req.method === 'POST' && (url.pathname === '/v1/checkout/sessions' || url.pathname === '/v1/billing_portal/sessions')) {
      let body = ''
      for await (const chunk of req) body += String(chunk)
      const form = new URLSearchParams(body)
      const idempotencyKey = req.headers['idempotency-key'] as string | undefined
      posted.push({ path: url.pathname, form, idempotencyKey })
      const checkout = url.pathname === '/v1/checkout/sessions'
      const id = fakeId(checkout ? 'cs_test' : 'bps')
      if (checkout) checkoutSessions.set(id, form)
      return send(200, {
        id,
        object: checkout ? 'checkout.session' : 'billing_portal.session',
        url: checkout ? (options.checkoutPageUrl?.(id) ?? `https://checkout.stripe.test/c/pay/${id}`) : `https://billing.stripe.test/p/session/${id}`,
        ...(checkout ? { mode: 'subscription', client_reference_id: form.get('client_reference_id') } : { customer: form.get('customer') }),
      })
    }
    if (req.method === 'GET' && url.pathname === '/v1/subscriptions/search') {
      // Only the one query shape the app sends: metadata['key']:'value'.
      const match = /^metadata\['([^']+)'\]:'([^']*)'$/.exec(url.searchParams.get('query') ?? '')
      if (!match) return send(400, { error: { type: 'invalid_request_error', message: 'The fake only understands metadata[key]:value queries.' } })
      const data = [...subscriptions.values()].filter((s) => (s.metadata as Record<string, string> | undefined)?.[match[1] ?? ''] === match[2])
      return send(200, { object: 'search_result', data, has_more: false, next_page: null, url: '/v1/subscriptions/search' })
    }
    if (req.method === 'GET' && url.pathname === '/v1/subscriptions') {
      const customer = url.searchParams.get('customer')
      const data = [...subscriptions.values()].filter((s) => !customer || s.customer === customer)
      return send(200, { object: 'list', data, has_more: false, url: '/v1/subscriptions' })
    }
    const item = /^\/v1\/subscription_items\/([^/]+)$/.exec(url.pathname)
    if (req.method === 'POST' && item) {
      let body = ''
      for await (const chunk of req) body += String(chunk)
      const idempotencyKey = req.headers['idempotency-key'] as string | undefined
      posted.push({ path: url.pathname, form: new URLSearchParams(body), idempotencyKey })
      // Like Stripe: a key seen before replays its first answer and changes nothing.
      const replay = idempotencyKey ? replies.get(idempotencyKey) : undefined
      if (replay) return send(200, replay)
      const reply = updateSubscriptionItem(subscriptions, item[1] ?? '', new URLSearchParams(body))
      if (!reply) return send(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such subscription item: '${item[1]}'` } })
      if (idempotencyKey) replies.set(idempotencyKey, reply)
      return send(200, reply)
    }
    const one = /^\/v1\/subscriptions\/([^/]+)$/.exec(url.pathname)
    if (req.method === 'DELETE' && one) {
      const sub = subscriptions.get(one[1] ?? '')
      if (!sub) return send(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such subscription: '${one[1]}'` } })
      Object.assign(sub, { status: 'canceled', canceled_at: Math.floor(Date.now() / 1000), ended_at: Math.floor(Date.now() / 1000) })
      return send(200, sub)
    }
    if (req.method === 'GET' && one) {
      const sub = subscriptions.get(one[1] ?? '')
      return sub ? send(200, sub) : send(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such subscription: '${one[1]}'` } })
    }
    send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname}).` } })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    posted,
    putSubscription: (subscription) => subscriptions.set(String(subscription.id), subscription),
    checkoutSessions,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** POST /v1/subscription_items/:id (quantity): updates the item inside its subscription, as Stripe would. */
function updateSubscriptionItem(subscriptions: Map<string, StripeObject>, itemId: string, form: URLSearchParams): StripeObject | null {
  for (const sub of subscriptions.values()) {
    const items = (sub.items as { data: StripeObject[] }).data
    const found = items.find((i) => i.id === itemId)
    if (!found) continue
    const quantity = form.get('quantity')
    if (quantity !== null) found.quantity = Number(quantity)
    return found
  }
  return null
}

/** The subscription item (price and quantity) of a subscription fixture. */
export function itemOf(subscription: StripeObject): { id: string; quantity: number } {
  const [item] = (subscription.items as { data: { id: string; quantity: number }[] }).data
  if (!item) throw new Error('the subscription has no item')
  return item
}

export const fakeId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`

export type SubscriptionFixture = {
  id?: string
  customer: string
  priceId: string
  status?: string
  quantity?: number
  interval?: 'month' | 'year'
  /** Unix seconds. */
  created?: number
  currentPeriodEnd?: number
  cancelAtPeriodEnd?: boolean
  trialEnd?: number | null
  metadata?: Record<string, string>
}

/** A subscription as Stripe returns it (API 2026-10-28.endive). */
export function subscriptionFixture(f: SubscriptionFixture): StripeObject {
  const id = f.id ?? fakeId('sub')
  const created = f.created ?? Math.floor(Date.now() / 1000) - 60
  const interval = f.interval ?? 'month'
  const periodEnd = f.currentPeriodEnd ?? created + (interval === 'month' ? 30 : 365) * 86_400
  return {
    id,
    object: 'subscription',
    application: null,
    automatic_tax: { enabled: false, liability: null },
    billing_cycle_anchor: created,
    billing_mode: { type: 'flexible' },
    cancel_at: f.cancelAtPeriodEnd ? periodEnd : null,
    cancel_at_period_end: f.cancelAtPeriodEnd ?? false,
    canceled_at: null,
    collection_method: 'charge_automatically',
    created,
    currency: 'usd',
    customer: f.customer,
    default_payment_method: null,
    ended_at: f.status === 'canceled' ? created + 3600 : null,
    items: {
      object: 'list',
      data: [
        {
          id: fakeId('si'),
          object: 'subscription_item',
          created,
          current_period_start: periodEnd - (interval === 'month' ? 30 : 365) * 86_400,
          current_period_end: periodEnd,
          metadata: {},
          price: {
            id: f.priceId,
            object: 'price',
            active: true,
            currency: 'usd',
            product: 'prod_tenantkit',
            recurring: { interval, interval_count: 1, usage_type: 'licensed', meter: null },
            type: 'recurring',
            unit_amount: 1200,
          },
          quantity: f.quantity ?? 1,
          subscription: id,
        },
      ],
      has_more: false,
      url: `/v1/subscription_items?subscription=${id}`,
    },
    latest_invoice: fakeId('in'),
    livemode: false,
    metadata: f.metadata ?? {},
    pending_update: null,
    start_date: created,
    status: f.status ?? 'active',
    trial_end: f.trialEnd ?? null,
    trial_start: f.trialEnd ? created : null,
  }
}

/** A completed Checkout Session in subscription mode, as our checkout creates it. */
export function checkoutSessionFixture(f: { customer: string; subscription: string; tenantId: string }): StripeObject {
  return {
    id: fakeId('cs_test'),
    object: 'checkout.session',
    client_reference_id: f.tenantId,
    customer: f.customer,
    metadata: { tenantId: f.tenantId },
    mode: 'subscription',
    payment_status: 'paid',
    status: 'complete',
    subscription: f.subscription,
    url: null,
  }
}

/** A Stripe event (snapshot payload) around `object`. */
export function eventFixture(type: string, object: StripeObject, options: { id?: string; created?: number } = {}): StripeObject {
  return {
    id: options.id ?? fakeId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: options.created ?? Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  }
}

const signer = new Stripe(FAKE_STRIPE_SECRET_KEY)

/** The body and Stripe-Signature header of a delivery of `event`, signed with `secret`. */
export function signedDelivery(event: StripeObject, secret = FAKE_STRIPE_WEBHOOK_SECRET): { body: string; signature: string } {
  const body = JSON.stringify(event, null, 2)
  return { body, signature: signer.webhooks.generateTestHeaderString({ payload: body, secret }) }
}

/**
 * Starts the fake and points this test file's billing at it, with `prices` as the STRIPE_PRICE_*
 * variables. Call it at the top of the file, before the first getEnv() (modules are per file).
 */
export async function startFakeStripeBilling(prices: Partial<Record<'STRIPE_PRICE_PRO_MONTHLY' | 'STRIPE_PRICE_PRO_YEARLY' | 'STRIPE_PRICE_TEAM_MONTHLY' | 'STRIPE_PRICE_TEAM_YEARLY', string>>): Promise<FakeStripe> {
  const fake = await startFakeStripe()
  Object.assign(process.env, { STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url, ...prices })
  return fake
}
