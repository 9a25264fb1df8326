import 'server-only'
import { withTenant, type TenantTx } from '@/lib/db'
import type { TenantContext } from '@/lib/tenant-context'
import type { BillingAccountDto, Entitlements, PlanId } from './contract'
import { BillingError } from './errors'
import { PLANS, planThatLifts } from './plans'
import * as repo from './repo'
import { requestResyncIfStale } from './resync'
import { planInForce, toAccountDto } from './state'

/**
 * The plan in force for the transaction's tenant: Free without a billing account, or when its
 * subscription is not active, trialing or past due (past due keeps the plan while Stripe retries).
 */
export async function getPlanId(tx: TenantTx): Promise<PlanId> {
  return planInForce(await repo.findBillingAccount(tx))
}

/** What the tenant's plan includes: derived from the plan, here and nowhere else. */
export async function getEntitlements(tx: TenantTx): Promise<Entitlements> {
  return PLANS[await getPlanId(tx)].entitlements
}

/** The tenant's subscription as last synced from Stripe (Free and 'none' when there is none). */
export async function getBillingAccount(ctx: TenantContext): Promise<BillingAccountDto> {
  const row = await withTenant(ctx, (tx) => repo.findBillingAccount(tx))
  void requestResyncIfStale(ctx, row)
  return toAccountDto(row)
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
