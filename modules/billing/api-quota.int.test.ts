// The API-calls-per-month entitlement on the real tenant API route (GET /api/projects): counted per
// tenant, refused with 402 naming the plan that lifts it, lifted by an upgrade as soon as the sync
// has run (the plan cache is written through), and failing open when Redis cannot answer.
import { InngestTestEngine } from '@inngest/test'
import { afterAll, describe, expect, it } from 'vitest'
import { GET as billingStatus } from '@/app/api/billing/status/route'
import { GET as listProjects } from '@/app/api/projects/route'
import { createRedis, getRedis, setRedis } from '@/lib/redis'
import { getUsage, recordUsage } from '@/modules/analytics'
import { fakeId, startFakeStripeBilling, subscriptionFixture } from '@/tests/helpers/fake-stripe'
import { call } from '@/tests/helpers/http'
import { createTestOrganization, sessionCookie, type TestMember } from '@/tests/helpers/tenants'
import { assertApiCallAllowed, nextMonthStart } from './api-quota'
import { stripeEventReceived } from './events'
import { syncSubscriptionJob } from './jobs'

const PRICE = 'price_pro_monthly_quota'
const fake = await startFakeStripeBilling({ STRIPE_PRICE_PRO_MONTHLY: PRICE })
afterAll(() => fake.close())

async function upgradeToPro(tenant: TestMember) {
  const customer = fakeId('cus')
  fake.putSubscription(subscriptionFixture({ customer, priceId: PRICE, metadata: { tenantId: tenant.ctx.tenantId } }))
  const engine = new InngestTestEngine({ function: syncSubscriptionJob })
  const data = { tenantId: tenant.ctx.tenantId, stripeEventId: fakeId('evt'), type: 'checkout.session.completed', customerId: customer, created: Math.floor(Date.now() / 1000) }
  const { error } = await engine.execute({ events: [{ name: stripeEventReceived.name, data }], steps: [{ id: 'announce-subscription-synced', handler: () => ({ ids: [] }) }] })
  expect(error).toBeUndefined()
}

describe('API calls per month', () => {
  it('counts each call, refuses the one past the plan with 402 naming Pro, and an upgrade lifts it', async () => {
    const tenant = await createTestOrganization('quota')
    const cookie = await sessionCookie(tenant)
    const bystander = await createTestOrganization('quota-other')
    expect((await call(listProjects, '/api/projects', { cookie })).status).toBe(200)
    expect((await getUsage(tenant.ctx, 'api_calls')).count).toBe(1)

    await recordUsage(tenant.ctx, 'api_calls', 9_998) // 9,999 used: one call left on Free
    expect((await call(listProjects, '/api/projects', { cookie })).status).toBe(200)
    const refused = await call(listProjects, '/api/projects', { cookie })
    const now = new Date()
    expect(refused.status).toBe(402)
    expect(refused.body).toEqual({
      error: {
        code: 'billing.limit_reached',
        message:
          `This organization has used all 10,000 API calls of the Free plan for ${now.toISOString().slice(0, 7)}. ` +
          `Upgrade to Pro for 250,000 a month, or wait until the count starts again on ${nextMonthStart(now).toISOString().slice(0, 10)} (UTC).`,
        details: { entitlement: 'apiCallsPerMonth', limit: 10_000, used: 10_001, plan: 'free', upgradeTo: 'pro', resetsAt: nextMonthStart(now).toISOString() },
      },
    })
    // Billing's own routes stay open past the allowance: the way out must not be behind the wall.
    expect((await call(billingStatus, '/api/billing/status', { cookie })).status).toBe(200)
    // Per tenant: another organization is not affected.
    expect((await call(listProjects, '/api/projects', { cookie: await sessionCookie(bystander) })).status).toBe(200)

    await upgradeToPro(tenant)
    expect((await call(listProjects, '/api/projects', { cookie })).status).toBe(200)
  })

  it('starts again with the month (UTC)', async () => {
    const tenant = await createTestOrganization('quota-month')
    const lastDay = new Date(Date.UTC(2031, 0, 31, 23, 59))
    await recordUsage(tenant.ctx, 'api_calls', 10_000, lastDay)
    await expect(assertApiCallAllowed(tenant.ctx, lastDay)).rejects.toMatchObject({ kind: 'payment_required', details: { used: 10_001 } })
    await expect(assertApiCallAllowed(tenant.ctx, nextMonthStart(lastDay))).resolves.toBeUndefined()
    expect(nextMonthStart(new Date(Date.UTC(2031, 11, 15)))).toEqual(new Date(Date.UTC(2032, 0, 1)))
  })

  it('fails open when Redis cannot answer: an outage of the meter does not take the API down', async () => {
    const tenant = await createTestOrganization('quota-down')
    await recordUsage(tenant.ctx, 'api_calls', 50_000)
    const working = getRedis()
    setRedis(createRedis('http://127.0.0.1:9', 'nobody-listens-here'))
    try {
      await expect(assertApiCallAllowed(tenant.ctx)).resolves.toBeUndefined()
    } finally {
      setRedis(working)
    }
    await expect(assertApiCallAllowed(tenant.ctx)).rejects.toMatchObject({ code: 'billing.limit_reached' })
  })
})
