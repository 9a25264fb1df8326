// A subscription's life after checkout, as Stripe reports it and the sync stores it: the trial-ending
// email, cancellation at period end, and what a missed webhook can (not) keep. Limits are checked
// through the real POST /api/projects, so the 402 is what a client would see.
import { InngestTestEngine } from '@inngest/test'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { POST as createProject } from '@/app/api/projects/route'
import { inngest } from '@/lib/jobs'
import { readOutbox } from '@/lib/mailer'
import { addMember } from '@/modules/users'
import { fakeId, startFakeStripeBilling, subscriptionFixture } from '@/tests/helpers/fake-stripe'
import { call } from '@/tests/helpers/http'
import { addTestMember, createTestOrganization, sessionCookie, type TestMember } from '@/tests/helpers/tenants'
import { getBillingAccount } from './entitlements'
import { stripeEventReceived } from './events'
import { syncSubscriptionJob } from './jobs'

const PRICE = 'price_pro_monthly_lifecycle'
const fake = await startFakeStripeBilling({ STRIPE_PRICE_PRO_MONTHLY: PRICE })
afterAll(() => fake.close())

const DAY = 86_400
const nowSeconds = () => Math.floor(Date.now() / 1000)

/** The sync job for one Stripe event about the tenant's customer, the way Inngest runs it. */
async function runSync(tenant: TestMember, customer: string, type = 'customer.subscription.updated', stripeEventId = fakeId('evt')) {
  const engine = new InngestTestEngine({ function: syncSubscriptionJob })
  const data = { tenantId: tenant.ctx.tenantId, tenantSlug: tenant.slug, stripeEventId, type, customerId: customer, created: nowSeconds() }
  const run = await engine.execute({ events: [{ name: stripeEventReceived.name, data }], steps: [{ id: 'announce-subscription-synced', handler: () => ({ ids: [] }) }] })
  expect(run.error).toBeUndefined()
  return run
}

async function emailsTo(to: string, subject: string) {
  return (await readOutbox(200)).filter((e) => e.to === to && e.subject === subject)
}

async function postProject(cookie: string, name: string) {
  return call(createProject, '/api/projects', { method: 'POST', cookie, json: { name } })
}

describe('customer.subscription.trial_will_end', () => {
  it('emails every owner once per event, with the date and what happens then', async () => {
    const owner = await createTestOrganization('trial')
    const coOwner = await createTestOrganization('trial-co')
    await addMember(owner.ctx, coOwner.userId, 'owner')
    const member = await addTestMember(owner, 'member')
    const customer = fakeId('cus')
    const trialEnd = nowSeconds() + 3 * DAY
    fake.putSubscription(subscriptionFixture({ customer, priceId: PRICE, status: 'trialing', trialEnd, currentPeriodEnd: trialEnd, metadata: { tenantId: owner.ctx.tenantId } }))

    const eventId = fakeId('evt')
    await runSync(owner, customer, 'customer.subscription.trial_will_end', eventId)
    // Inngest runs one event once; a replay of the same event (or a retry after a partial send) must not email twice.
    await runSync(owner, customer, 'customer.subscription.trial_will_end', eventId)

    const ends = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(trialEnd * 1000))
    const subject = `Your Pro trial ends on ${ends}`
    for (const to of [owner.email, coOwner.email]) {
      const emails = await emailsTo(to, subject)
      expect(emails).toHaveLength(1)
      expect(emails[0]?.text).toContain(`ends on ${ends} (UTC)`)
      expect(emails[0]?.text).toContain('the payment method on file is charged')
      expect(emails[0]?.text).toContain('moves to the Free plan: up to 3 members, 5 active projects and 10,000 API calls a month')
      expect(emails[0]?.text).toContain(`/t/${owner.slug}/billing`)
    }
    expect(await emailsTo(member.email, subject)).toHaveLength(0)
    // Any other event about the subscription sends no trial email.
    await runSync(owner, customer, 'customer.subscription.updated')
    expect(await emailsTo(owner.email, subject)).toHaveLength(1)
  })

  it('sends nothing when Stripe says the trial is already over (a late event)', async () => {
    const owner = await createTestOrganization('trial-late')
    const customer = fakeId('cus')
    fake.putSubscription(subscriptionFixture({ customer, priceId: PRICE, status: 'active', metadata: { tenantId: owner.ctx.tenantId } }))
    const { result } = await runSync(owner, customer, 'customer.subscription.trial_will_end')
    expect(result).toMatchObject({ status: 'active' })
    expect((await readOutbox(200)).filter((e) => e.to === owner.email && e.subject.includes('trial'))).toHaveLength(0)
  })
})

describe('cancel at period end', () => {
  it('keeps the paid plan until Stripe ends the subscription, then the Free limits apply (402 naming Pro)', async () => {
    const owner = await createTestOrganization('cancel')
    const cookie = await sessionCookie(owner)
    const customer = fakeId('cus')
    const periodEnd = nowSeconds() + 10 * DAY
    const sub = subscriptionFixture({ customer, priceId: PRICE, cancelAtPeriodEnd: true, currentPeriodEnd: periodEnd, metadata: { tenantId: owner.ctx.tenantId } })
    fake.putSubscription(sub)
    await runSync(owner, customer)
    expect(await getBillingAccount(owner.ctx)).toMatchObject({ plan: 'pro', status: 'active', cancelAtPeriodEnd: true })
    for (let i = 1; i <= 6; i++) expect((await postProject(cookie, `Paid ${i}`)).status).toBe(201) // Free stops at 5

    // The period ends: Stripe deletes the subscription and says so (customer.subscription.deleted).
    fake.putSubscription({ ...sub, status: 'canceled', ended_at: periodEnd, canceled_at: periodEnd })
    await runSync(owner, customer, 'customer.subscription.deleted')
    expect(await getBillingAccount(owner.ctx)).toMatchObject({ plan: 'free', subscribedPlan: 'pro', status: 'canceled' })
    const refused = await postProject(cookie, 'One too many')
    expect(refused.status).toBe(402)
    expect(refused.body).toEqual({
      error: {
        code: 'billing.limit_reached',
        message: 'The Free plan includes 5 active projects. Upgrade to Pro for 50.',
        details: { entitlement: 'projects', limit: 5, plan: 'free', upgradeTo: 'pro' },
      },
    })
  })
})

describe('a missed webhook (ADR 019)', () => {
  it('keeps a paid status for the grace after its period end, then the tenant is on Free', async () => {
    const late = await createTestOrganization('missed-late')
    const recent = await createTestOrganization('missed-recent')
    for (const [tenant, endedDaysAgo] of [[late, 10], [recent, 1]] as const) {
      const customer = fakeId('cus')
      const end = nowSeconds() - endedDaysAgo * DAY
      // What Stripe said last time we heard from it; the renewal or the deletion never reached us.
      fake.putSubscription(subscriptionFixture({ customer, priceId: PRICE, created: end - 30 * DAY, currentPeriodEnd: end, metadata: { tenantId: tenant.ctx.tenantId } }))
      await runSync(tenant, customer)
    }
    expect(await getBillingAccount(recent.ctx)).toMatchObject({ plan: 'pro', status: 'active' })
    expect(await getBillingAccount(late.ctx)).toMatchObject({ plan: 'free', subscribedPlan: 'pro', status: 'active' })
    const cookie = await sessionCookie(late)
    for (let i = 1; i <= 5; i++) expect((await postProject(cookie, `Late ${i}`)).status).toBe(201)
    expect(await postProject(cookie, 'Past the grace')).toMatchObject({ status: 402, body: { error: { code: 'billing.limit_reached', details: { plan: 'free', upgradeTo: 'pro' } } } })
  })

  it('a stale paid state asks the sync to read Stripe again, which restores a customer who did pay', async () => {
    const tenant = await createTestOrganization('missed-paid')
    const customer = fakeId('cus')
    const end = nowSeconds() - 10 * DAY
    const sub = subscriptionFixture({ customer, priceId: PRICE, created: end - 30 * DAY, currentPeriodEnd: end, metadata: { tenantId: tenant.ctx.tenantId } })
    fake.putSubscription(sub)
    await runSync(tenant, customer)
    const send = vi.spyOn(inngest, 'send').mockResolvedValue({ ids: [] })
    try {
      expect(await getBillingAccount(tenant.ctx)).toMatchObject({ plan: 'free', status: 'active' })
      await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1))
      const [payload] = send.mock.calls[0] as unknown as [{ name: string; id: string; data: Record<string, unknown> }]
      expect(payload).toMatchObject({ name: 'billing/account.resync-requested', id: `billing-resync-${tenant.ctx.tenantId}-${end * 1000}`, data: { tenantId: tenant.ctx.tenantId, customerId: customer } })

      // Stripe did renew (the webhooks were lost): the resync brings the new period and the plan back.
      const renewed = subscriptionFixture({ id: String(sub.id), customer, priceId: PRICE, created: end - 30 * DAY, currentPeriodEnd: end + 30 * DAY, metadata: { tenantId: tenant.ctx.tenantId } })
      fake.putSubscription(renewed)
      const engine = new InngestTestEngine({ function: syncSubscriptionJob })
      const { error } = await engine.execute({ events: [{ name: payload.name, id: payload.id, data: payload.data }], steps: [{ id: 'announce-subscription-synced', handler: () => ({ ids: [] }) }] })
      expect(error).toBeUndefined()
      expect(await getBillingAccount(tenant.ctx)).toMatchObject({ plan: 'pro', status: 'active', currentPeriodEnd: new Date((end + 30 * DAY) * 1000).toISOString() })
      expect(send).toHaveBeenCalledTimes(1) // fresh again: no further request
    } finally {
      send.mockRestore()
    }
  })
})
