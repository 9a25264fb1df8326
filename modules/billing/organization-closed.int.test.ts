// A deleted organization stops being charged: the billing job finds its subscriptions in Stripe by
// the tenantId in their metadata (its own records went with the tenant) and cancels the live ones.
// Real Postgres and Redis, the fake Stripe API, the job run with @inngest/test.
import { InngestTestEngine } from '@inngest/test'
import { afterAll, describe, expect, it } from 'vitest'
import { organizationDeleted } from '@/modules/users'
import { fakeId, startFakeStripeBilling, subscriptionFixture } from '@/tests/helpers/fake-stripe'
import { createTestOrganization } from '@/tests/helpers/tenants'
import { cancelOnOrganizationDeletedJob } from './jobs'

const PRICE = 'price_pro_monthly_closing'
const fake = await startFakeStripeBilling({ STRIPE_PRICE_PRO_MONTHLY: PRICE })
afterAll(() => fake.close())

function subscriptionOf(tenantId: string, status = 'active') {
  const sub = subscriptionFixture({ customer: fakeId('cus'), priceId: PRICE, status, metadata: { tenantId } })
  fake.putSubscription(sub)
  return sub
}

async function runJob(tenantId: string) {
  const { result, error } = await new InngestTestEngine({ function: cancelOnOrganizationDeletedJob }).execute({
    events: [{ name: organizationDeleted.name, data: { tenantId } }],
    // The five-minute wait for Stripe's search index is Inngest's to keep; here it is skipped.
    steps: [{ id: 'let-stripe-search-catch-up', handler: () => null }],
  })
  expect(error).toBeUndefined()
  return result as { action: string; canceled: string[] }
}

const cancels = () => fake.requests.filter((r) => r.startsWith('DELETE /v1/subscriptions/'))

describe('when an organization is deleted', () => {
  it("cancels its live subscriptions now, leaves ended ones and other tenants' alone", async () => {
    const gone = await createTestOrganization('closing')
    const other = await createTestOrganization('staying')
    const live = subscriptionOf(gone.ctx.tenantId)
    const ended = subscriptionOf(gone.ctx.tenantId, 'canceled')
    const neighbour = subscriptionOf(other.ctx.tenantId)
    const before = cancels().length

    expect(await runJob(gone.ctx.tenantId)).toEqual({ action: 'done', canceled: [live.id] })
    expect(live.status).toBe('canceled')
    expect(neighbour.status).toBe('active')
    expect(cancels().slice(before)).toEqual([`DELETE /v1/subscriptions/${String(live.id)}`])
    expect(cancels().join(' ')).not.toContain(String(ended.id))

    // Again (a retry, a duplicate event): nothing left to cancel.
    expect(await runJob(gone.ctx.tenantId)).toEqual({ action: 'done', canceled: [] })
  })
})
