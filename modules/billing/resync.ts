import 'server-only'
import { sendEvent } from '@/lib/jobs'
import { moduleLogger } from '@/lib/logger'
import type { TenantContext } from '@/lib/tenant-context'
import { accountResyncRequested } from './events'
import type { BillingAccountRow } from './repo'
import { ENTITLED } from './state'

// A missed webhook must neither keep paid access forever nor take it from a customer who paid
// (docs/decisions/019-billing-access-after-period-end.md). Stripe moves a live subscription's period
// forward at renewal, so a stored entitled state whose period ended is stale: ask the sync job to
// read Stripe again, long before the grace runs out.

const log = moduleLogger('billing.resync')
/** Renewal events normally arrive within minutes; after this, the stored period is suspect. */
const STALE_AFTER_MS = 3600_000

export function isStale(row: Pick<BillingAccountRow, 'status' | 'currentPeriodEnd'>, now: Date): boolean {
  return ENTITLED.has(row.status) && row.currentPeriodEnd !== null && now.getTime() - row.currentPeriodEnd.getTime() > STALE_AFTER_MS
}

/**
 * Sends one resync request per stale period (the event id carries the period end, and Inngest runs
 * one event id once per 24 h). Never throws: callers fire and forget, a request must not wait on it.
 */
export async function requestResyncIfStale(ctx: TenantContext, row: BillingAccountRow | null, now = new Date()): Promise<void> {
  if (!row?.stripeCustomerId || !row.currentPeriodEnd || !isStale(row, now)) return
  try {
    await sendEvent(
      accountResyncRequested.create(
        { tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, customerId: row.stripeCustomerId },
        { id: `billing-resync-${ctx.tenantId}-${row.currentPeriodEnd.getTime()}` },
      ),
    )
  } catch (error) {
    log.warn({ err: error, tenantId: ctx.tenantId }, 'could not request a billing resync; the next read asks again')
  }
}
