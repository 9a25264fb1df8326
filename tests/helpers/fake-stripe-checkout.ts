// Stripe's hosted Checkout page, faked for the browser tests: the fake API (fake-stripe.ts) sends
// customers here, "Pay" creates the subscription in the fake, redirects to the session's
// success_url at once, and then delivers the signed webhooks to the app the way Stripe does: after
// the redirect, in no promised order, retried while the app answers an error.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { checkoutSessionFixture, eventFixture, fakeId, signedDelivery, startFakeStripe, subscriptionFixture, type FakeStripe } from './fake-stripe'

export type FakeStripeCheckout = {
  /** The fake API (STRIPE_API_BASE for the app). */
  stripe: FakeStripe
  /** Where the hosted pages are served. */
  url: string
  /** Every webhook delivery attempt: event type and the app's HTTP status (0: unreachable). */
  deliveries: { type: string; status: number }[]
  close(): Promise<void>
}

const DELIVERY_ATTEMPTS = 6

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body style="font-family: system-ui; max-width: 28rem; margin: 4rem auto">${body}</body></html>`
}

function checkoutPage(id: string, form: URLSearchParams): string {
  const price = form.get('line_items[0][price]') ?? '?'
  const quantity = form.get('line_items[0][quantity]') ?? '1'
  const trialDays = form.get('subscription_data[trial_period_days]')
  const who = form.get('customer_email') ?? form.get('customer') ?? 'a new customer'
  return page(
    'Checkout (fake Stripe)',
    `<h1>Subscribe</h1>
<p>Price <strong>${escape(price)}</strong> × ${escape(quantity)} for ${escape(who)}${trialDays ? `, ${escape(trialDays)}-day trial` : ''}.</p>
<form method="post" action="/c/pay/${escape(id)}"><button type="submit">Pay</button></form>
<p><a href="${escape(form.get('cancel_url') ?? '/')}">Cancel</a></p>`,
  )
}

/** Starts the fake API and its hosted checkout; `webhookUrl` is the app's Stripe webhook endpoint. */
export async function startFakeStripeCheckout({ webhookUrl }: { webhookUrl: string }): Promise<FakeStripeCheckout> {
  const deliveries: FakeStripeCheckout['deliveries'] = []
  const paid = new Set<string>()
  let closed = false
  // Known once the pages listen; the API only reads it when a session is created.
  let pagesUrl = ''
  const stripe = await startFakeStripe({ checkoutPageUrl: (id) => `${pagesUrl}/c/pay/${id}` })

  async function deliver(event: Record<string, unknown>): Promise<void> {
    for (let attempt = 0; attempt < DELIVERY_ATTEMPTS && !closed; attempt++) {
      const { body, signature } = signedDelivery(event)
      const status = await fetch(webhookUrl, { method: 'POST', body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } })
        .then((r) => r.status)
        .catch(() => 0)
      deliveries.push({ type: String(event.type), status })
      if (status >= 200 && status < 300) return
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt))
    }
  }

  function pay(id: string, form: URLSearchParams): string {
    const customer = form.get('customer') ?? fakeId('cus')
    const tenantId = form.get('client_reference_id') ?? ''
    const trialDays = Number(form.get('subscription_data[trial_period_days]') ?? 0)
    const now = Math.floor(Date.now() / 1000)
    const subscription = subscriptionFixture({
      customer,
      priceId: form.get('line_items[0][price]') ?? '',
      quantity: Number(form.get('line_items[0][quantity]') ?? 1),
      status: trialDays ? 'trialing' : 'active',
      created: now,
      trialEnd: trialDays ? now + trialDays * 86_400 : null,
      metadata: { tenantId: form.get('subscription_data[metadata][tenantId]') ?? '' },
    })
    stripe.putSubscription(subscription)
    const session = { ...checkoutSessionFixture({ customer, subscription: String(subscription.id), tenantId }), id, customer_email: form.get('customer_email') }
    // Both events are sent; the app must converge whichever arrives first.
    void deliver(eventFixture('checkout.session.completed', session))
    void deliver(eventFixture('customer.subscription.created', subscription))
    return (form.get('success_url') ?? '/').replace('{CHECKOUT_SESSION_ID}', id)
  }

  const pages = http.createServer((req, res) => {
    const match = /^\/c\/pay\/([\w-]+)$/.exec(new URL(req.url ?? '/', 'http://fake').pathname)
    const form = match ? stripe.checkoutSessions.get(match[1] ?? '') : undefined
    if (!match || !form) {
      res.writeHead(404, { 'content-type': 'text/html' })
      return res.end(page('Not found', '<p>This checkout session does not exist.</p>'))
    }
    const id = match[1] ?? ''
    if (paid.has(id)) {
      res.writeHead(200, { 'content-type': 'text/html' })
      return res.end(page('Paid', '<p>This checkout session is complete.</p>'))
    }
    if (req.method === 'POST') {
      paid.add(id)
      res.writeHead(303, { location: pay(id, form) })
      return res.end()
    }
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(checkoutPage(id, form))
  })
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve))
  pagesUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`
  return {
    stripe,
    url: pagesUrl,
    deliveries,
    async close() {
      closed = true
      await new Promise<void>((resolve) => pages.close(() => resolve()))
      await stripe.close()
    },
  }
}
