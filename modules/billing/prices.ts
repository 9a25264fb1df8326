import 'server-only'
import { getEnv } from '@/lib/env'
import type { BillingInterval, PlanId } from './contract'

// Stripe price ids per paid plan and interval, from env. The only mapping between Stripe's
// vocabulary and ours: a subscription's price says which plan it buys.

export type PaidPlan = { plan: Exclude<PlanId, 'free'>; interval: BillingInterval }

function priceTable(): { priceId: string | undefined; paid: PaidPlan }[] {
  const env = getEnv()
  return [
    { priceId: env.STRIPE_PRICE_PRO_MONTHLY, paid: { plan: 'pro', interval: 'month' } },
    { priceId: env.STRIPE_PRICE_PRO_YEARLY, paid: { plan: 'pro', interval: 'year' } },
    { priceId: env.STRIPE_PRICE_TEAM_MONTHLY, paid: { plan: 'team', interval: 'month' } },
    { priceId: env.STRIPE_PRICE_TEAM_YEARLY, paid: { plan: 'team', interval: 'year' } },
  ]
}

/** The plan and interval a Stripe price buys, or null for a price this app does not sell. */
export function planForPrice(priceId: string): PaidPlan | null {
  return priceTable().find((row) => row.priceId === priceId)?.paid ?? null
}

/** The Stripe price for a paid plan and interval, or null when its env key is not set. */
export function priceFor(plan: PaidPlan['plan'], interval: BillingInterval): string | null {
  return priceTable().find((row) => row.paid.plan === plan && row.paid.interval === interval)?.priceId ?? null
}
