import { describe, expect, it } from 'vitest'
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe } from '@/tests/helpers/fake-stripe'
import { call } from '@/tests/helpers/http'
import { addTestMember, createTestOrganization, sessionCookie } from '@/tests/helpers/tenants'
import { POST as checkout } from './checkout/route'
import { POST as portal } from './portal/route'
import { GET as status } from './status/route'

const fake = await startFakeStripe()
// Before the first getEnv() of this file (modules are isolated per test file).
Object.assign(process.env, {
  STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
  STRIPE_API_BASE: fake.url,
  STRIPE_PRICE_PRO_MONTHLY: 'price_pro_monthly_test',
})

describe('/api/billing', () => {
  it('an owner gets a Checkout URL for a subscription that carries the tenant id, with a trial', async () => {
    const owner = await createTestOrganization('checkout')
    const response = await call(checkout, '/api/billing/checkout', { method: 'POST', cookie: await sessionCookie(owner), json: { plan: 'pro' } })
    expect(response.status).toBe(200)
    expect(response.body?.url).toMatch(/^https:\/\/checkout\.stripe\.test\//)
    const sent = fake.posted.at(-1)
    expect(sent?.path).toBe('/v1/checkout/sessions')
    expect(Object.fromEntries(sent?.form ?? [])).toMatchObject({
      mode: 'subscription',
      'line_items[0][price]': 'price_pro_monthly_test',
      client_reference_id: owner.ctx.tenantId,
      'subscription_data[metadata][tenantId]': owner.ctx.tenantId,
      'subscription_data[trial_period_days]': '14',
    })
    expect(sent?.idempotencyKey).toContain(owner.ctx.tenantId)
  })

  it('members may not (403); a plan without a price is a 400 that names the missing key', async () => {
    const owner = await createTestOrganization('checkout-roles')
    const member = await addTestMember(owner, 'member')
    expect((await call(checkout, '/api/billing/checkout', { method: 'POST', cookie: await sessionCookie(member), json: { plan: 'pro' } })).status).toBe(403)
    const team = await call(checkout, '/api/billing/checkout', { method: 'POST', cookie: await sessionCookie(owner), json: { plan: 'team', interval: 'year' } })
    expect(team.status).toBe(400)
    expect(team.body).toMatchObject({ error: { code: 'billing.plan_not_for_sale', message: 'That plan is not on sale here yet (STRIPE_PRICE_TEAM_YEARLY is not set).' } })
    const bad = await call(checkout, '/api/billing/checkout', { method: 'POST', cookie: await sessionCookie(owner), json: { plan: 'gold' } })
    expect(bad.status).toBe(400)
  })

  it('the portal needs a customer first (409); status reads Free before any subscription', async () => {
    const owner = await createTestOrganization('portal')
    const cookie = await sessionCookie(owner)
    const response = await call(portal, '/api/billing/portal', { method: 'POST', cookie })
    expect(response.status).toBe(409)
    expect(response.body).toMatchObject({ error: { code: 'billing.no_customer' } })
    expect((await call(status, '/api/billing/status', { cookie })).body).toMatchObject({ plan: 'free', status: 'none' })
  })
})
