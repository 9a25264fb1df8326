import 'server-only'
import { isUniqueViolation, withTenant } from '@/lib/db'
import type { TenantContext } from '@/lib/tenant-context'
import { getStripeConfig } from './config'
import type { BillingAccountDto } from './contract'
import { BillingError, notConfigured } from './errors'
import { notifyPaymentFailed } from './notify-owners'
import { cachePlanState } from './plan-cache'
import { planForPrice } from './prices'
import * as repo from './repo'
import { accountStateOf, pickCurrentSubscription, toAccountDto } from './state'
import { listSubscriptionsOfCustomer } from './stripe-gateway'

export type SyncInput = { customerId: string; /** Unix seconds of the triggering event. */ eventCreated: number }

/**
 * Makes the tenant's billing account match Stripe now: reads the customer's subscriptions from
 * Stripe (outside any transaction), then writes the current one through withTenant. The event only
 * says "look again", so events may arrive in any order, twice, or not at all and the result is the same.
 */
export async function syncBillingAccount(ctx: TenantContext, { customerId, eventCreated }: SyncInput): Promise<BillingAccountDto> {
  const config = getStripeConfig()
  if (!config) throw notConfigured()
  const current = pickCurrentSubscription(await listSubscriptionsOfCustomer(config, customerId))
  const paid = current?.priceId ? planForPrice(current.priceId) : null
  if (current?.priceId && !paid) {
    throw new BillingError(
      'billing.unknown_price',
      'internal',
      `Subscription ${current.id} uses price ${current.priceId}, which no STRIPE_PRICE_* variable names.`,
    )
  }
  const state = accountStateOf(current, paid)
  const { row, previousStatus } = await withTenant(ctx, async (tx) => {
    const existing = await repo.findBillingAccount(tx)
    if (existing?.stripeCustomerId && existing.stripeCustomerId !== customerId) throw customerMismatch(customerId)
    const eventAt = new Date(eventCreated * 1000)
    const lastEventAt = existing?.lastEventAt && existing.lastEventAt > eventAt ? existing.lastEventAt : eventAt
    const written = await repo.upsertBillingAccount(tx, ctx.tenantId, { ...state, stripeCustomerId: customerId, lastEventAt })
    return { row: written, previousStatus: existing?.status ?? null }
  }).catch((error: unknown) => {
    // The customer is already another tenant's (unique stripeCustomerId).
    if (isUniqueViolation(error, 'stripeCustomerId')) throw customerMismatch(customerId)
    throw error
  })
  await cachePlanState(ctx.tenantId, row)
  // On the transition only: a redelivered or reordered event finds past_due already stored.
  if (row.status === 'past_due' && previousStatus !== 'past_due') await notifyPaymentFailed(ctx)
  return toAccountDto(row)
}

function customerMismatch(customerId: string): BillingError {
  return new BillingError('billing.customer_mismatch', 'conflict', `Stripe customer ${customerId} does not belong to this tenant; nothing was changed.`)
}
