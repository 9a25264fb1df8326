import 'server-only'
import { getRedis } from '@/lib/redis'
import type { TenantContext } from '@/lib/tenant-context'
import type { UsageDto, UsageMetric } from './contract'

// Counters live in Redis: one INCRBY per event is cheap enough for the request path, and a month's
// keys expire on their own once nobody needs them for billing history.
const RETENTION_SECONDS = 400 * 24 * 3600

export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7)
}

const usageKey = (tenantId: string, metric: UsageMetric, month: string) => `tenantkit:usage:${tenantId}:${metric}:${month}`

/** Adds `amount` to this month's counter of `metric` for the tenant; returns the new total. */
export async function recordUsage(ctx: TenantContext, metric: UsageMetric, amount = 1, at = new Date()): Promise<number> {
  const key = usageKey(ctx.tenantId, metric, monthOf(at))
  const redis = getRedis()
  // NOTE: two plain commands, not an explicit pipeline: the client's auto-pipelining sends them with
  // whatever else the caller issues in the same tick (the API quota reads the plan alongside), so a
  // metered request pays one Redis round trip for both.
  const [total] = await Promise.all([redis.incrby(key, amount), redis.expire(key, RETENTION_SECONDS)])
  return total
}

/** The tenant's count of `metric` in `month` (default: this month). */
export async function getUsage(ctx: TenantContext, metric: UsageMetric, month = monthOf(new Date())): Promise<UsageDto> {
  const count = await getRedis().get<number>(usageKey(ctx.tenantId, metric, month))
  return { metric, month, count: Number(count ?? 0) }
}
