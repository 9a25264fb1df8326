import 'server-only'
import { z } from 'zod'
import { withTenant } from '@/lib/db'
import { getRedis } from '@/lib/redis'
import type { TenantContext } from '@/lib/tenant-context'
import { getStripeConfig } from './config'
import type { PlanId } from './contract'
import * as repo from './repo'
import { requestResyncIfStale } from './resync'
import { planInForce, type PlanState } from './state'

// The tenant's plan state in Redis, so that a check on every API request (the API-call quota) reads
// no Postgres (docs/decisions/012-billing-api-quota.md). The sync job writes it through after every
// change; a request that misses fills it from Postgres. What is cached is the state, not the plan,
// so the period-end rule (ADR 019) is applied at read time, by the same function as everywhere else.

const TTL_SECONDS = 600
const planKey = (tenantId: string) => `tenantkit:billing:plan:${tenantId}`

const CachedPlanStateSchema = z.object({
  plan: z.string(),
  status: z.string(),
  /** Unix ms. */
  currentPeriodEnd: z.number().nullable(),
})
type CachedPlanState = z.infer<typeof CachedPlanStateSchema>

function toCached(row: PlanState | null): CachedPlanState {
  return { plan: row?.plan ?? 'free', status: row?.status ?? 'none', currentPeriodEnd: row?.currentPeriodEnd?.getTime() ?? null }
}

function fromCached(cached: CachedPlanState): PlanState {
  return { ...cached, currentPeriodEnd: cached.currentPeriodEnd === null ? null : new Date(cached.currentPeriodEnd) }
}

/** After the sync wrote the account: the next request sees the new plan, not a 10-minute-old one. */
export async function cachePlanState(tenantId: string, row: PlanState | null): Promise<void> {
  await getRedis().set(planKey(tenantId), toCached(row), { ex: TTL_SECONDS })
}

/**
 * The plan in force for the tenant, usually without Postgres. Free without a Redis call when billing
 * is off. Issued in the same tick as other commands, the read shares their pipeline.
 */
export async function getPlanInForceCached(ctx: TenantContext, now = new Date()): Promise<PlanId> {
  if (!getStripeConfig()) return 'free'
  // NOTE: GETEX without options is a plain GET, but the Upstash client batches reads and writes in
  // separate requests; as a "write" it travels with the usage counter's INCRBY, in one round trip.
  const cached = CachedPlanStateSchema.safeParse(await getRedis().getex(planKey(ctx.tenantId)))
  if (cached.success) return planInForce(fromCached(cached.data), now)
  const row = await withTenant(ctx, (tx) => repo.findBillingAccount(tx))
  // NX: a sync that wrote through meanwhile is newer than what this request read.
  await getRedis().set(planKey(ctx.tenantId), toCached(row), { nx: true, ex: TTL_SECONDS })
  void requestResyncIfStale(ctx, row, now)
  return planInForce(row, now)
}
