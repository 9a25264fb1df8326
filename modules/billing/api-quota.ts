import 'server-only'
import { moduleLogger } from '@/lib/logger'
import type { TenantContext } from '@/lib/tenant-context'
import { recordUsage } from '@/modules/analytics'
import type { PlanId } from './contract'
import { BillingError } from './errors'
import { PLANS, planThatLifts } from './plans'
import { getPlanInForceCached } from './plan-cache'

// The API-calls-per-month entitlement, checked on every metered API request
// (docs/decisions/012-billing-api-quota.md): 402 naming the plan that lifts it, never 429.

const log = moduleLogger('billing.api-quota')
const n = (value: number) => value.toLocaleString('en')

/** 00:00 UTC on the first day of the month after `at`: when the monthly counter starts again. */
export function nextMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1))
}

/**
 * Counts one API call for the tenant and throws 402 when it is past the plan's monthly allowance.
 * One Redis round trip (the counter and the cached plan together), no Postgres unless the plan cache
 * is cold. Fails open: a Redis outage must not take the API down (ADR 006, like the `api` limit).
 */
export async function assertApiCallAllowed(ctx: TenantContext, now = new Date()): Promise<void> {
  let used: number
  let planId: PlanId
  try {
    ;[used, planId] = await Promise.all([recordUsage(ctx, 'api_calls', 1, now), getPlanInForceCached(ctx, now)])
  } catch (error) {
    log.warn({ err: error, tenantId: ctx.tenantId }, 'API quota unavailable: request allowed')
    return
  }
  const { name, entitlements } = PLANS[planId]
  const limit = entitlements.apiCallsPerMonth
  if (used <= limit) return
  const lift = planThatLifts(planId, 'apiCallsPerMonth', limit + 1)
  const resetsAt = nextMonthStart(now)
  const month = now.toISOString().slice(0, 7)
  const advice = lift ? `Upgrade to ${lift.name} for ${n(lift.entitlements.apiCallsPerMonth)} a month, or wait` : 'Wait'
  throw new BillingError(
    'billing.limit_reached',
    'payment_required',
    `This organization has used all ${n(limit)} API calls of the ${name} plan for ${month}. ${advice} until the count starts again on ${resetsAt.toISOString().slice(0, 10)} (UTC).`,
    { details: { entitlement: 'apiCallsPerMonth', limit, used, plan: planId, upgradeTo: lift?.id ?? null, resetsAt: resetsAt.toISOString() } },
  )
}
