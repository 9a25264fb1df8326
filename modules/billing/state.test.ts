import { describe, expect, it } from 'vitest'
import { accountStateOf, PERIOD_END_GRACE_MS, pickCurrentSubscription, planInForce } from './state'
import type { SubscriptionSnapshot } from './stripe-gateway'

const sub = (over: Partial<SubscriptionSnapshot>): SubscriptionSnapshot => ({
  id: 'sub_1',
  customerId: 'cus_1',
  status: 'active',
  priceId: 'price_1',
  itemId: 'si_1',
  quantity: 1,
  currentPeriodEnd: 1_900_000_000,
  cancelAtPeriodEnd: false,
  trialEnd: null,
  created: 1_800_000_000,
  ...over,
})

describe('pickCurrentSubscription', () => {
  it('prefers the newest live subscription over a newer ended one', () => {
    const live = sub({ id: 'sub_live', created: 10 })
    const ended = sub({ id: 'sub_ended', status: 'canceled', created: 20 })
    expect(pickCurrentSubscription([ended, live])?.id).toBe('sub_live')
  })

  it('falls back to the newest ended one, and to null without any', () => {
    const older = sub({ id: 'sub_old', status: 'canceled', created: 1 })
    const newer = sub({ id: 'sub_new', status: 'incomplete_expired', created: 2 })
    expect(pickCurrentSubscription([older, newer])?.id).toBe('sub_new')
    expect(pickCurrentSubscription([])).toBeNull()
  })
})

describe('planInForce', () => {
  const now = new Date('2026-06-15T12:00:00Z')
  const state = (status: string, currentPeriodEnd: Date | null = new Date('2026-07-01T00:00:00Z'), plan = 'pro') => ({ plan, status, currentPeriodEnd })

  it('keeps the plan while active, trialing or past due, and is Free otherwise', () => {
    for (const status of ['active', 'trialing', 'past_due']) expect(planInForce(state(status), now)).toBe('pro')
    for (const status of ['canceled', 'unpaid', 'incomplete', 'paused', 'none', 'something_new']) expect(planInForce(state(status), now)).toBe('free')
    expect(planInForce(null, now)).toBe('free')
    expect(planInForce(state('active', null, 'enterprise'), now)).toBe('free')
  })

  it('keeps a paid plan for the grace after its period end, and not a moment longer (a missed webhook)', () => {
    const ended = new Date(now.getTime() - PERIOD_END_GRACE_MS)
    expect(planInForce(state('active', ended), now)).toBe('pro')
    expect(planInForce(state('past_due', new Date(ended.getTime() + 1)), now)).toBe('pro')
    expect(planInForce(state('active', new Date(ended.getTime() - 1)), now)).toBe('free')
    expect(planInForce(state('trialing', new Date('2026-01-01T00:00:00Z')), now)).toBe('free')
    // Without a known period end there is nothing to compare: the status decides.
    expect(planInForce(state('active', null), now)).toBe('pro')
  })
})

describe('accountStateOf', () => {
  it('maps a subscription to what is stored (dates from unix seconds, at least one seat)', () => {
    const state = accountStateOf(sub({ quantity: 0, trialEnd: 1_800_000_100, cancelAtPeriodEnd: true }), { plan: 'team', interval: 'year' })
    expect(state).toEqual({
      stripeSubscriptionId: 'sub_1',
      plan: 'team',
      interval: 'year',
      status: 'active',
      seats: 1,
      currentPeriodEnd: new Date(1_900_000_000_000),
      cancelAtPeriodEnd: true,
      trialEnd: new Date(1_800_000_100_000),
    })
  })

  it('stores Free and "none" for a customer without a subscription', () => {
    expect(accountStateOf(null, null)).toMatchObject({ plan: 'free', status: 'none', stripeSubscriptionId: null })
  })
})
