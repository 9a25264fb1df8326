// Stripe webhooks end to end: signed deliveries into POST /api/webhooks/stripe (the real route),
// the hand-over to Inngest captured at the client, and the job run with @inngest/test against a
// local fake of the Stripe API and the real database (RLS and all).
import { InngestTestEngine } from '@inngest/test'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { POST } from '@/app/api/webhooks/stripe/route'
import { inngest } from '@/lib/jobs'
import { readOutbox } from '@/lib/mailer'
import { call } from '@/tests/helpers/http'
import {
  checkoutSessionFixture,
  eventFixture,
  FAKE_STRIPE_SECRET_KEY,
  FAKE_STRIPE_WEBHOOK_SECRET,
  fakeId,
  signedDelivery,
  startFakeStripe,
  subscriptionFixture,
} from '@/tests/helpers/fake-stripe'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { createTestOrganization, type TestMember } from '@/tests/helpers/tenants'
import { getBillingAccount } from './entitlements'
import { syncSubscriptionJob } from './jobs'

const PRICES = { pro: 'price_pro_monthly_test', teamYearly: 'price_team_yearly_test' }
const fake = await startFakeStripe()
// Before the first getEnv() of this file (modules are isolated per test file).
Object.assign(process.env, {
  STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
  STRIPE_API_BASE: fake.url,
  STRIPE_PRICE_PRO_MONTHLY: PRICES.pro,
  STRIPE_PRICE_TEAM_YEARLY: PRICES.teamYearly,
})
afterAll(() => fake.close())

type Sent = { name: string; data: Record<string, unknown>; id?: string }
let sent: Sent[] = []
const send = vi.spyOn(inngest, 'send')

beforeEach(() => {
  sent = []
  send.mockReset()
  send.mockImplementation((async (payload: Sent | Sent[]) => {
    const events = [payload].flat()
    sent.push(...events.map(({ name, data, id }) => ({ name, data, id })))
    return { ids: events.map((e) => e.id ?? 'generated') }
  }) as never)
})

async function deliver(event: Record<string, unknown>, secret?: string) {
  const { body, signature } = signedDelivery(event, secret)
  return call(POST, '/api/webhooks/stripe', { method: 'POST', body, headers: { 'stripe-signature': signature, 'content-type': 'application/json' } })
}

/** Runs the billing job for one handed-over event, the way Inngest would. */
async function runJob(event: Sent) {
  const engine = new InngestTestEngine({ function: syncSubscriptionJob })
  const run = await engine.execute({
    events: [{ name: event.name, data: event.data, ...(event.id ? { id: event.id } : {}) }],
    steps: [{ id: 'announce-subscription-synced', handler: () => ({ ids: ['evt_inngest_fake'] }) }],
  })
  return { ...run, error: run.error as { message?: string; name?: string } | undefined }
}

async function storedEvent(id: string) {
  return withClient(adminUrlForWorkerDb(), async (client) => {
    const { rows } = await client.query<{ handedOffAt: Date | null }>(`select "handedOffAt" from "StripeEvent" where id = $1`, [id])
    return rows[0] ?? null
  })
}

/** A tenant that checked out: a customer with one subscription in the fake Stripe. */
function subscribedTenant(tenant: TestMember, overrides: Partial<Parameters<typeof subscriptionFixture>[0]> = {}) {
  const customer = fakeId('cus')
  const sub = subscriptionFixture({ customer, priceId: PRICES.pro, quantity: 3, metadata: { tenantId: tenant.ctx.tenantId }, ...overrides })
  fake.putSubscription(sub)
  const checkout = eventFixture('checkout.session.completed', checkoutSessionFixture({ customer, subscription: String(sub.id), tenantId: tenant.ctx.tenantId }))
  return { customer, sub, checkout }
}

describe('POST /api/webhooks/stripe', () => {
  it('answers 400 to a missing, wrong or stale signature, and stores nothing', async () => {
    const tenant = await createTestOrganization('bill-sig')
    const { checkout } = subscribedTenant(tenant)
    const { body } = signedDelivery(checkout)
    const missing = await call(POST, '/api/webhooks/stripe', { method: 'POST', body })
    expect(missing).toMatchObject({ status: 400, body: { error: { code: 'billing.missing_signature' } } })
    const wrongSecret = await deliver(checkout, 'whsec_not_the_right_one')
    expect(wrongSecret).toMatchObject({ status: 400, body: { error: { code: 'billing.bad_signature' } } })
    const tampered = signedDelivery(checkout)
    const forged = await call(POST, '/api/webhooks/stripe', {
      method: 'POST',
      body: tampered.body.replace(tenant.ctx.tenantId, '00000000-0000-4000-8000-000000000000'),
      headers: { 'stripe-signature': tampered.signature },
    })
    expect(forged).toMatchObject({ status: 400, body: { error: { code: 'billing.bad_signature' } } })
    expect(await storedEvent(String(checkout.id))).toBeNull()
    expect(send).not.toHaveBeenCalled()
  })

  it('acknowledges event types that cannot change a subscription without storing them', async () => {
    const event = eventFixture('customer.created', { id: fakeId('cus'), object: 'customer' })
    expect(await deliver(event)).toMatchObject({ status: 200, body: { outcome: 'ignored' } })
    expect(await storedEvent(String(event.id))).toBeNull()
    expect(send).not.toHaveBeenCalled()
  })

  it('hands the same event over once, however often Stripe delivers it, and the job runs once', async () => {
    const tenant = await createTestOrganization('bill-dup')
    const { checkout, customer } = subscribedTenant(tenant)
    const outcomes = []
    for (let i = 0; i < 5; i++) outcomes.push(await deliver(checkout))
    expect(outcomes.map((r) => [r.status, r.body?.outcome])).toEqual([
      [200, 'handed_off'],
      [200, 'duplicate'],
      [200, 'duplicate'],
      [200, 'duplicate'],
      [200, 'duplicate'],
    ])
    expect(send).toHaveBeenCalledTimes(1)
    expect(sent).toEqual([
      {
        name: 'billing/stripe-event.received',
        id: checkout.id,
        data: { tenantId: tenant.ctx.tenantId, tenantSlug: '', stripeEventId: checkout.id, type: 'checkout.session.completed', customerId: customer, created: checkout.created },
      },
    ])
    expect((await storedEvent(String(checkout.id)))?.handedOffAt).toBeInstanceOf(Date)

    const { result, error, ctx } = await runJob(sent[0]!)
    expect(error).toBeUndefined()
    expect(result).toMatchObject({ plan: 'pro', status: 'active', seats: 3 })
    expect(ctx.step.sendEvent).toHaveBeenCalledWith(
      'announce-subscription-synced',
      expect.objectContaining({ name: 'billing/subscription.synced', data: { tenantId: tenant.ctx.tenantId, plan: 'pro', status: 'active', seats: 3 } }),
    )
    expect(await getBillingAccount(tenant.ctx)).toMatchObject({ plan: 'pro', interval: 'month', status: 'active', seats: 3, cancelAtPeriodEnd: false })
  })

  it('answers 503 when the hand-over fails, and processes the retry (not a duplicate)', async () => {
    const tenant = await createTestOrganization('bill-retry')
    const { checkout } = subscribedTenant(tenant)
    send.mockRejectedValueOnce(new Error('Inngest is down'))
    const first = await deliver(checkout)
    expect(first).toMatchObject({ status: 503, body: { error: { code: 'billing.handoff_failed' } } })
    expect(await storedEvent(String(checkout.id))).toEqual({ handedOffAt: null })

    const retry = await deliver(checkout)
    expect(retry).toMatchObject({ status: 200, body: { outcome: 'handed_off' } })
    expect(send).toHaveBeenCalledTimes(2)
    expect(sent.map((e) => e.id)).toEqual([checkout.id]) // the failed attempt delivered nothing
    expect((await storedEvent(String(checkout.id)))?.handedOffAt).toBeInstanceOf(Date)
    expect(await deliver(checkout)).toMatchObject({ status: 200, body: { outcome: 'duplicate' } })
    expect(send).toHaveBeenCalledTimes(2)

    await runJob(sent[0]!)
    expect(await getBillingAccount(tenant.ctx)).toMatchObject({ plan: 'pro', status: 'active' })
  })
})

describe('the billing job', () => {
  it('converges on what Stripe says now, whatever order the events arrive in', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 86_400
    const periodEnd = t0 + 365 * 86_400
    const history = async (label: string) => {
      const tenant = await createTestOrganization(label)
      const customer = fakeId('cus')
      const metadata = { tenantId: tenant.ctx.tenantId }
      const first = subscriptionFixture({ customer, priceId: PRICES.pro, status: 'canceled', created: t0, metadata })
      const second = subscriptionFixture({
        customer, priceId: PRICES.teamYearly, interval: 'year', quantity: 4, created: t0 + 600, currentPeriodEnd: periodEnd, cancelAtPeriodEnd: true, metadata,
      })
      fake.putSubscription(first)
      fake.putSubscription(second)
      // What each event carried when it happened; the job must not trust any of it.
      const events = [
        eventFixture('checkout.session.completed', checkoutSessionFixture({ customer, subscription: String(first.id), tenantId: tenant.ctx.tenantId }), { created: t0 }),
        eventFixture('customer.subscription.created', { ...first, status: 'active' }, { created: t0 + 1 }),
        eventFixture('customer.subscription.deleted', first, { created: t0 + 500 }),
        eventFixture('customer.subscription.created', { ...second, status: 'trialing', cancel_at_period_end: false }, { created: t0 + 600 }),
        eventFixture('customer.subscription.updated', second, { created: t0 + 700 }),
      ]
      return { tenant, events }
    }
    const inOrder = await history('bill-order')
    const reversed = await history('bill-reverse')
    for (const { events } of [inOrder, reversed]) {
      sent = []
      for (const event of events) expect((await deliver(event)).status).toBe(200)
      expect(sent).toHaveLength(5)
      const runOrder = events === reversed.events ? [...sent].reverse() : sent
      for (const event of runOrder) expect((await runJob(event)).error).toBeUndefined()
    }
    const expected = { plan: 'team', subscribedPlan: 'team', interval: 'year', status: 'active', seats: 4, cancelAtPeriodEnd: true, currentPeriodEnd: new Date(periodEnd * 1000).toISOString(), trialEnd: null }
    expect(await getBillingAccount(inOrder.tenant.ctx)).toEqual(expected)
    expect(await getBillingAccount(reversed.tenant.ctx)).toEqual(expected)
  })

  it('a failed payment: past_due keeps the plan, shows in the account, and emails the owners once', async () => {
    const tenant = await createTestOrganization('bill-past-due')
    const customer = fakeId('cus')
    const sub = subscriptionFixture({ customer, priceId: PRICES.pro, status: 'past_due', created: Math.floor(Date.now() / 1000), metadata: { tenantId: tenant.ctx.tenantId } })
    fake.putSubscription(sub)
    const events = [
      eventFixture('checkout.session.completed', checkoutSessionFixture({ customer, subscription: String(sub.id), tenantId: tenant.ctx.tenantId })),
      eventFixture('invoice.payment_failed', { id: fakeId('in'), object: 'invoice', customer }),
    ]
    sent = []
    for (const event of events) expect((await deliver(event)).status).toBe(200)
    for (const event of sent) expect((await runJob(event)).error).toBeUndefined()
    expect(await getBillingAccount(tenant.ctx)).toMatchObject({ plan: 'pro', status: 'past_due' })
    const emails = (await readOutbox(200)).filter((e) => e.to === tenant.email && e.subject === 'Your Tenantkit payment failed')
    expect(emails).toHaveLength(1)
  })

  it("never lets another tenant's customer change this tenant's account", async () => {
    const a = await createTestOrganization('bill-a')
    const b = await createTestOrganization('bill-b')
    const c = await createTestOrganization('bill-c')
    const ofA = subscribedTenant(a)
    const ofB = subscribedTenant(b, { priceId: PRICES.teamYearly, interval: 'year', quantity: 9 })
    for (const { checkout } of [ofA, ofB]) await deliver(checkout)
    for (const event of sent) await runJob(event)
    const aBefore = await getBillingAccount(a.ctx)
    expect(aBefore).toMatchObject({ plan: 'pro', seats: 3 })

    // 1. B's customer, with an object that claims to be A's: routed by the customer, to B.
    sent = []
    const claimsA = subscriptionFixture({ id: String(ofB.sub.id), customer: ofB.customer, priceId: PRICES.teamYearly, metadata: { tenantId: a.ctx.tenantId } })
    await deliver(eventFixture('customer.subscription.updated', claimsA))
    expect(sent.map((e) => e.data.tenantId)).toEqual([b.ctx.tenantId])

    // 2. A forged job event naming A with B's customer: refused, not retried, nothing written.
    const forged = { name: 'billing/stripe-event.received', id: fakeId('evt'), data: { tenantId: a.ctx.tenantId, stripeEventId: fakeId('evt'), type: 'customer.subscription.updated', customerId: ofB.customer, created: 1 } }
    const refused = await runJob(forged)
    expect(refused.error?.message).toMatch(/does not belong to this tenant/)
    expect(await getBillingAccount(a.ctx)).toEqual(aBefore)

    // 3. The same for a tenant without any account yet: the customer is B's (unique), so refused too.
    const refusedC = await runJob({ ...forged, data: { ...forged.data, tenantId: c.ctx.tenantId } })
    expect(refusedC.error?.message).toMatch(/does not belong to this tenant/)
    expect(await getBillingAccount(c.ctx)).toMatchObject({ plan: 'free', status: 'none' })
    expect(await getBillingAccount(b.ctx)).toMatchObject({ plan: 'team', seats: 9 })

    // 4. A customer no tenant has synced yet (another tenant mid-checkout) cannot replace A's own.
    const stranger = subscribedTenant(c, { priceId: PRICES.teamYearly, interval: 'year', quantity: 50 })
    const replaced = await runJob({ ...forged, data: { ...forged.data, customerId: stranger.customer } })
    expect(replaced.error?.message).toMatch(/does not belong to this tenant/)
    expect(await getBillingAccount(a.ctx)).toEqual(aBefore)
  })
})
