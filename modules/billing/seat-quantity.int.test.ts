// Seats -> subscription quantity: the users module announces every seat change, the billing job
// re-counts and sets the Stripe quantity (the fake Stripe API records it), and the normal sync brings
// the new quantity back into the account. Real Postgres and Redis, the jobs run with @inngest/test.
import { randomUUID } from 'node:crypto'
import { InngestTestEngine } from '@inngest/test'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { inngest } from '@/lib/jobs'
import { acceptInvitation, addMember, inviteMember, leaveOrganization, listInvitations, removeMember, revokeInvitation, seatsChanged } from '@/modules/users'
import { fakeId, itemOf, startFakeStripeBilling, subscriptionFixture } from '@/tests/helpers/fake-stripe'
import { tokenFromEmail } from '@/tests/helpers/outbox'
import { addTestMember, createTestOrganization, type TestMember } from '@/tests/helpers/tenants'
import { startCheckout } from './checkout'
import { getBillingAccount } from './entitlements'
import { stripeEventReceived, subscriptionSynced } from './events'
import { syncSeatQuantityJob, syncSubscriptionJob } from './jobs'

const PRICES = { pro: 'price_pro_monthly_seats', team: 'price_team_monthly_seats' }
const fake = await startFakeStripeBilling({ STRIPE_PRICE_PRO_MONTHLY: PRICES.pro, STRIPE_PRICE_TEAM_MONTHLY: PRICES.team })
afterAll(() => fake.close())

/** A tenant whose Stripe customer has one subscription, synced into its account. */
async function subscribe(tenant: TestMember, over: { priceId: string; quantity: number; status?: string }) {
  const customer = fakeId('cus')
  const sub = subscriptionFixture({ customer, metadata: { tenantId: tenant.ctx.tenantId }, ...over })
  fake.putSubscription(sub)
  await syncFromStripe(tenant, customer)
  return { customer, sub }
}

/** What a Stripe webhook would start: the subscription sync job for the tenant's customer. */
async function syncFromStripe(tenant: TestMember, customer: string) {
  const engine = new InngestTestEngine({ function: syncSubscriptionJob })
  const data = { tenantId: tenant.ctx.tenantId, stripeEventId: fakeId('evt'), type: 'customer.subscription.updated', customerId: customer, created: Math.floor(Date.now() / 1000) }
  const { error } = await engine.execute({ events: [{ name: stripeEventReceived.name, data }], steps: [{ id: 'announce-subscription-synced', handler: () => ({ ids: [] }) }] })
  expect(error).toBeUndefined()
}

/** One run of the seat job, started by a seat change (or, with `synced`, by a finished sync). */
async function runSeatJob(tenant: TestMember, trigger: 'seats' | 'synced' = 'seats') {
  const engine = new InngestTestEngine({ function: syncSeatQuantityJob })
  const event =
    trigger === 'seats'
      ? { name: seatsChanged.name, data: { tenantId: tenant.ctx.tenantId, reason: 'member_added' } }
      : { name: subscriptionSynced.name, data: { tenantId: tenant.ctx.tenantId, plan: 'team', status: 'active', seats: 1 } }
  const { result, error } = await engine.execute({ events: [event] })
  expect(error).toBeUndefined()
  return result as { action: string; quantity?: number }
}

const itemUpdates = () => fake.posted.filter((p) => p.path.startsWith('/v1/subscription_items/'))

describe('the users module announces seat changes', () => {
  it('for every change to members or pending invitations, naming the tenant', async () => {
    const owner = await createTestOrganization('seat-events')
    const other = await createTestOrganization('seat-other')
    const invitee = await createTestOrganization('seat-invitee')
    const announced: { name: string; data: { tenantId: string; reason: string } }[] = []
    const send = vi.spyOn(inngest, 'send').mockImplementation((async (payload: (typeof announced)[number]) => {
      announced.push(payload)
      return { ids: [] }
    }) as never)
    try {
      await addMember(owner.ctx, other.userId, 'member')
      await inviteMember(owner.ctx, { email: `revoked-${randomUUID()}@test.local`, role: 'member' })
      const [pending] = await listInvitations(owner.ctx)
      await revokeInvitation(owner.ctx, pending?.id ?? '')
      await inviteMember(owner.ctx, { email: invitee.email, role: 'admin' })
      await acceptInvitation(await tokenFromEmail(invitee.email, '/invitations/accept'), { userId: invitee.userId, email: invitee.email })
      await removeMember(owner.ctx, other.userId)
    } finally {
      send.mockRestore()
    }
    expect(announced.map((e) => [e.name, e.data.tenantId, e.data.reason])).toEqual(
      ['member_added', 'invitation_sent', 'invitation_revoked', 'invitation_sent', 'invitation_accepted', 'member_removed'].map((reason) => ['users/seats.changed', owner.ctx.tenantId, reason]),
    )
  })

  it('when a member leaves', async () => {
    const owner = await createTestOrganization('seat-leave')
    const member = await addTestMember(owner, 'member')
    const send = vi.spyOn(inngest, 'send').mockResolvedValue({ ids: [] })
    try {
      await leaveOrganization(member.ctx)
      expect(send).toHaveBeenCalledWith(expect.objectContaining({ name: 'users/seats.changed', data: expect.objectContaining({ tenantId: owner.ctx.tenantId, reason: 'member_left' }) }))
    } finally {
      send.mockRestore()
    }
  })

  it('and a failed announcement does not fail the change, which is already committed', async () => {
    const owner = await createTestOrganization('seat-down')
    const other = await createTestOrganization('seat-down-other')
    const send = vi.spyOn(inngest, 'send').mockRejectedValue(new Error('Inngest is down'))
    try {
      await expect(addMember(owner.ctx, other.userId, 'member')).resolves.toBeUndefined()
    } finally {
      send.mockRestore()
    }
  })
})

describe('billing-sync-seat-quantity', () => {
  it('sets a per-seat subscription to the seats in use, and the sync brings the quantity back', async () => {
    const owner = await createTestOrganization('seat-team')
    const { customer, sub } = await subscribe(owner, { priceId: PRICES.team, quantity: 1 })
    expect(await getBillingAccount(owner.ctx)).toMatchObject({ plan: 'team', seats: 1 })
    await addTestMember(owner)
    await addTestMember(owner)
    await inviteMember(owner.ctx, { email: `pending-${randomUUID()}@test.local`, role: 'member' }) // a pending invitation holds a seat

    const before = itemUpdates().length
    expect(await runSeatJob(owner)).toEqual({ action: 'updated', quantity: 4, seatsInUse: 4 })
    const update = itemUpdates().at(-1)
    expect(itemUpdates()).toHaveLength(before + 1)
    expect(update?.path).toBe(`/v1/subscription_items/${itemOf(sub).id}`)
    expect(Object.fromEntries(update?.form ?? [])).toEqual({ quantity: '4', proration_behavior: 'create_prorations' })
    expect(update?.idempotencyKey).toMatch(new RegExp(`^seats:.+:${itemOf(sub).id}:4$`))
    expect(itemOf(sub).quantity).toBe(4)
    // The job only writes to Stripe; the account follows Stripe's own event, like any other change.
    expect(await getBillingAccount(owner.ctx)).toMatchObject({ seats: 1 })
    await syncFromStripe(owner, customer)
    expect(await getBillingAccount(owner.ctx)).toMatchObject({ plan: 'team', seats: 4 })

    // That sync announces itself and starts the job again: the quantity matches, so no Stripe call at all.
    const requests = fake.requests.length
    expect(await runSeatJob(owner, 'synced')).toEqual({ action: 'unchanged', quantity: 4, seatsInUse: 4 })
    expect(fake.requests.length).toBe(requests)
  })

  it('applies 4 -> 3 -> 4 in a row: each run has its own idempotency key', async () => {
    const owner = await createTestOrganization('seat-flip')
    const { customer, sub } = await subscribe(owner, { priceId: PRICES.team, quantity: 3 })
    await addTestMember(owner)
    await addTestMember(owner)
    const fourth = await addTestMember(owner)
    for (const [change, expected] of [[null, 4], ['remove', 3], ['add', 4]] as const) {
      if (change === 'remove') await removeMember(owner.ctx, fourth.userId)
      if (change === 'add') await addMember(owner.ctx, fourth.userId, 'member')
      expect(await runSeatJob(owner)).toMatchObject({ action: 'updated', quantity: expected })
      expect(itemOf(sub).quantity).toBe(expected)
      await syncFromStripe(owner, customer)
    }
    const keys = itemUpdates().slice(-3).map((u) => u.idempotencyKey)
    expect(new Set(keys).size).toBe(3)
  })

  it('keeps a flat plan at 1, and brings a flat plan left above 1 (a downgrade from Team) back to 1', async () => {
    const owner = await createTestOrganization('seat-pro')
    await addTestMember(owner)
    const { customer, sub } = await subscribe(owner, { priceId: PRICES.pro, quantity: 1 })
    const requests = fake.requests.length
    expect(await runSeatJob(owner)).toEqual({ action: 'unchanged', quantity: 1, seatsInUse: 2 })
    expect(fake.requests.length).toBe(requests)

    itemOf(sub).quantity = 7
    await syncFromStripe(owner, customer)
    expect(await runSeatJob(owner)).toMatchObject({ action: 'updated', quantity: 1 })
    expect(itemOf(sub).quantity).toBe(1)
  })

  it('calls Stripe for nothing without a subscription, or when it is no longer live', async () => {
    const none = await createTestOrganization('seat-none')
    await addTestMember(none)
    const canceled = await createTestOrganization('seat-canceled')
    await subscribe(canceled, { priceId: PRICES.team, quantity: 1, status: 'canceled' })
    await addTestMember(canceled)
    const requests = fake.requests.length
    expect(await runSeatJob(none)).toEqual({ action: 'no_subscription' })
    expect(await runSeatJob(canceled)).toEqual({ action: 'not_live' })
    expect(fake.requests.length).toBe(requests)
  })

  it('a per-seat checkout starts at the seats in use', async () => {
    const owner = await createTestOrganization('seat-checkout')
    await addTestMember(owner)
    await addTestMember(owner)
    await startCheckout(owner.ctx, { plan: 'team', interval: 'month' }, null)
    const sent = fake.posted.filter((p) => p.path === '/v1/checkout/sessions').at(-1)
    expect(sent?.form.get('line_items[0][price]')).toBe(PRICES.team)
    expect(sent?.form.get('line_items[0][quantity]')).toBe('3')
    await startCheckout(owner.ctx, { plan: 'pro', interval: 'month' }, null)
    expect(fake.posted.filter((p) => p.path === '/v1/checkout/sessions').at(-1)?.form.get('line_items[0][quantity]')).toBe('1')
  })
})
