import { describe, expect, it } from 'vitest'
import { accountStateOf, pickCurrentSubscription, planInForce } from './state'
import type { SubscriptionSnapshot } from './stripe-gateway'

const sub = (over: Partial<SubscriptionSnapshot>): SubscriptionSnapshot => ({
  id: 'sub_1',
  customerId: 'cus_1',
  status: 'active',
  priceId: 'price_1',
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
  it('keeps the plan while active, trialing or past due, and is Free otherwise', () => {
    for (const status of ['active', 'trialing', 'past_due']) expect(planInForce({ plan: 'pro', status })).toBe('pro')
    for (const status of ['canceled', 'unpaid', 'incomplete', 'paused', 'none', 'something_new']) expect(planInForce({ plan: 'pro', status })).toBe('free')
    expect(planInForce(null)).toBe('free')
    expect(planInForce({ plan: 'enterprise', status: 'active' })).toBe('free')
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
