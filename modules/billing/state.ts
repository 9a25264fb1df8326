import type { BillingAccountDto, BillingInterval, PlanId } from './contract'
import { BillingIntervalSchema, PlanIdSchema } from './contract'
import type { PaidPlan } from './prices'
import type { BillingAccountRow } from './repo'
import type { SubscriptionSnapshot } from './stripe-gateway'

// Pure rules: which subscription counts, which plan is in force. No I/O, unit-tested.

/** Statuses in which the subscribed plan applies. past_due keeps it while Stripe retries payment. */
export const ENTITLED = new Set(['active', 'trialing', 'past_due'])

/**
 * How long past its period end a stored paid state is still believed (ADR 019). Stripe renews a
 * period by moving it forward, so a live subscription is never this far behind; a stored one is only
 * when the webhook that ended it never arrived. 3 days is Stripe's own redelivery window.
 */
export const PERIOD_END_GRACE_MS = 3 * 24 * 3600_000
/** Statuses of a subscription that still exists (preferred over ended ones when picking). */
const LIVE = new Set(['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete'])

/** The subscription that describes the customer now: the newest live one, else the newest at all. */
export function pickCurrentSubscription(subscriptions: SubscriptionSnapshot[]): SubscriptionSnapshot | null {
  const newestFirst = [...subscriptions].sort((a, b) => b.created - a.created)
  return newestFirst.find((s) => LIVE.has(s.status)) ?? newestFirst[0] ?? null
}

export type AccountState = {
  stripeSubscriptionId: string | null
  plan: PlanId
  interval: BillingInterval | null
  status: string
  seats: number
  currentPeriodEnd: Date | null
  cancelAtPeriodEnd: boolean
  trialEnd: Date | null
}

/** What to store for a customer whose current subscription is `sub` (null: none at all). */
export function accountStateOf(sub: SubscriptionSnapshot | null, paid: PaidPlan | null): AccountState {
  if (!sub) {
    return { stripeSubscriptionId: null, plan: 'free', interval: null, status: 'none', seats: 1, currentPeriodEnd: null, cancelAtPeriodEnd: false, trialEnd: null }
  }
  return {
    stripeSubscriptionId: sub.id,
    plan: paid?.plan ?? 'free',
    interval: paid?.interval ?? null,
    status: sub.status,
    seats: Math.max(1, sub.quantity),
    currentPeriodEnd: fromUnix(sub.currentPeriodEnd),
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    trialEnd: fromUnix(sub.trialEnd),
  }
}

export type PlanState = Pick<BillingAccountRow, 'plan' | 'status' | 'currentPeriodEnd'>

/**
 * The plan in force for a stored account: Free without one, when it is not entitled, or when its
 * period ended more than PERIOD_END_GRACE_MS ago (a missed webhook must not keep paid access forever).
 */
export function planInForce(row: PlanState | null, now = new Date()): PlanId {
  if (!row || !ENTITLED.has(row.status) || isPastGrace(row, now)) return 'free'
  return PlanIdSchema.safeParse(row.plan).data ?? 'free'
}

/** A paid state whose period ended longer ago than the grace: Stripe must have said something since. */
export function isPastGrace(row: PlanState, now = new Date()): boolean {
  return row.currentPeriodEnd !== null && now.getTime() - row.currentPeriodEnd.getTime() > PERIOD_END_GRACE_MS
}

export function toAccountDto(row: BillingAccountRow | null): BillingAccountDto {
  return {
    plan: planInForce(row),
    subscribedPlan: PlanIdSchema.safeParse(row?.plan).data ?? 'free',
    interval: BillingIntervalSchema.safeParse(row?.interval).data ?? null,
    status: row?.status ?? 'none',
    seats: row?.seats ?? 1,
    currentPeriodEnd: row?.currentPeriodEnd?.toISOString() ?? null,
    cancelAtPeriodEnd: row?.cancelAtPeriodEnd ?? false,
    trialEnd: row?.trialEnd?.toISOString() ?? null,
  }
}

function fromUnix(seconds: number | null): Date | null {
  return seconds === null ? null : new Date(seconds * 1000)
}
