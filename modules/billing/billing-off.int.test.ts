// Billing with Stripe not configured at all: every tenant is on Free, limits still apply, and the
// webhook says what to set (503, so Stripe keeps retrying while the keys are missing).
import { InngestTestEngine } from '@inngest/test'
import { describe, expect, it } from 'vitest'
import { POST } from '@/app/api/webhooks/stripe/route'
import { withTenant } from '@/lib/db'
import { call } from '@/tests/helpers/http'
import { seatsChanged } from '@/modules/users'
import { createTestOrganization } from '@/tests/helpers/tenants'
import { getBillingMode } from './config'
import { getBillingAccount, getPlanId } from './entitlements'
import { syncSeatQuantityJob } from './jobs'
import { getPlanInForceCached } from './plan-cache'

// Before the first getEnv() of this file; another file of this worker may have set them.
for (const key of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE']) delete process.env[key]

describe('billing without Stripe', () => {
  it('is off, and a new tenant is on Free', async () => {
    const owner = await createTestOrganization('bill-off')
    expect(getBillingMode()).toBe('off')
    expect(await withTenant(owner.ctx, (tx) => getPlanId(tx))).toBe('free')
    expect(await getBillingAccount(owner.ctx)).toMatchObject({ plan: 'free', status: 'none', interval: null })
  })

  it("makes no Stripe call for a seat change, and meters the API against Free's allowance", async () => {
    const owner = await createTestOrganization('bill-off-seats')
    const engine = new InngestTestEngine({ function: syncSeatQuantityJob })
    const { result, error } = await engine.execute({ events: [{ name: seatsChanged.name, data: { tenantId: owner.ctx.tenantId, reason: 'member_added' } }] })
    expect(error).toBeUndefined()
    expect(result).toEqual({ action: 'billing_off' })
    expect(await getPlanInForceCached(owner.ctx)).toBe('free')
  })

  it('answers webhooks 503 with what to configure', async () => {
    const res = await call(POST, '/api/webhooks/stripe', { method: 'POST', body: '{}', headers: { 'stripe-signature': 't=1,v1=x' } })
    expect(res.status).toBe(503)
    expect(res.body).toMatchObject({ error: { code: 'billing.not_configured', message: expect.stringContaining('STRIPE_SECRET_KEY') } })
  })
})
