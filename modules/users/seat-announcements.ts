import 'server-only'
import { sendEvent } from '@/lib/jobs'
import { moduleLogger } from '@/lib/logger'
import type { TenantContext } from '@/lib/tenant-context'
import { seatsChanged, type SeatsChangeReason } from './events'

/**
 * Tells billing, through Inngest, that the seats in use may have changed (it re-counts them). Never
 * fails the change itself, which is already committed: billing re-counts on the next change and after
 * every Stripe event, so a lost announcement delays the quantity, it does not lose it.
 */
export async function announceSeatsChanged(ctx: TenantContext, reason: SeatsChangeReason): Promise<void> {
  try {
    await sendEvent(seatsChanged.create({ tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, reason }))
  } catch (error) {
    moduleLogger('users.seats').warn({ err: error, tenantId: ctx.tenantId, reason }, 'seat change not announced to billing')
  }
}
