import 'server-only'
import type { TenantTx } from '@/lib/db'
import type { Entitlements, PlanId } from './contract'
import { BillingError } from './errors'
import { PLANS, planThatLifts } from './plans'

/**
 * The plan a tenant is on. Until a tenant subscribes through Stripe there is no subscription row,
 * and every tenant is on Free.
 */
export async function getPlanId(_tx: TenantTx): Promise<PlanId> {
  return 'free'
}

/**
 * Throws 402 with the plan that lifts the limit when one more `entitlement` would exceed the
 * tenant's plan. `current` is the count before the new one.
 */
export async function assertWithinLimit(tx: TenantTx, entitlement: keyof Entitlements, current: number): Promise<void> {
  const planId = await getPlanId(tx)
  const { name, entitlements } = PLANS[planId]
  const limit = entitlements[entitlement]
  if (current < limit) return
  const lift = planThatLifts(planId, entitlement, current + 1)
  const what = { seats: 'members', projects: 'active projects', apiCallsPerMonth: 'API calls a month' }[entitlement]
  const advice = lift ? ` Upgrade to ${lift.name} for ${lift.entitlements[entitlement]}.` : ''
  throw new BillingError('billing.limit_reached', 'payment_required', `The ${name} plan includes ${limit} ${what}.${advice}`, {
    details: { entitlement, limit, plan: planId, upgradeTo: lift?.id ?? null },
  })
}
