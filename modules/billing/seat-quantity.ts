import 'server-only'
import { withTenant } from '@/lib/db'
import type { TenantContext } from '@/lib/tenant-context'
import { countSeatsInUse } from '@/modules/users'
import { getStripeConfig } from './config'
import { PlanIdSchema } from './contract'
import { PLANS } from './plans'
import { planForPrice } from './prices'
import * as repo from './repo'
import { ENTITLED } from './state'
import { getSubscription, setSubscriptionItemQuantity } from './stripe-gateway'

// The subscription quantity follows the seats in use (docs/decisions/010-billing-seat-quantity.md).
// This only ever writes to Stripe; what Stripe then says comes back through the webhook and the
// normal sync, like any other change, so there is one writer of BillingAccount.

export type SeatQuantityOutcome =
  | { action: 'billing_off' | 'no_subscription' | 'not_live' }
  | { action: 'unchanged' | 'updated'; quantity: number; seatsInUse: number }

/** The quantity a subscription on `plan` should have: the seats in use on a per-seat plan, else 1. */
export function quantityFor(plan: string, seatsInUse: number): number {
  const id = PlanIdSchema.safeParse(plan).data ?? 'free'
  return PLANS[id].perSeat ? Math.max(1, seatsInUse) : 1
}

/**
 * Sets the tenant's subscription quantity to what its plan should bill for. No Stripe call when
 * billing is off, there is no live subscription, or the stored quantity already matches; one read
 * (for the item id and the fresh quantity) and at most one write otherwise.
 * `idempotencyKey` must be unique per run (see setSubscriptionItemQuantity).
 */
export async function syncSeatQuantity(ctx: TenantContext, idempotencyKey: string): Promise<SeatQuantityOutcome> {
  const config = getStripeConfig()
  if (!config) return { action: 'billing_off' }
  const [seatsInUse, account] = await Promise.all([countSeatsInUse(ctx), withTenant(ctx, (tx) => repo.findBillingAccount(tx))])
  if (!account?.stripeSubscriptionId) return { action: 'no_subscription' }
  if (!ENTITLED.has(account.status)) return { action: 'not_live' }
  if (account.seats === quantityFor(account.plan, seatsInUse)) return { action: 'unchanged', quantity: account.seats, seatsInUse }

  // The stored copy may lag behind Stripe (a plan change not synced yet): decide on what Stripe says.
  const sub = await getSubscription(config, account.stripeSubscriptionId)
  if (!ENTITLED.has(sub.status) || !sub.itemId) return { action: 'not_live' }
  const plan = sub.priceId ? (planForPrice(sub.priceId)?.plan ?? account.plan) : account.plan
  const quantity = quantityFor(plan, seatsInUse)
  if (sub.quantity === quantity) return { action: 'unchanged', quantity, seatsInUse }
  await setSubscriptionItemQuantity(config, sub.itemId, quantity, `${idempotencyKey}:${sub.itemId}:${quantity}`)
  return { action: 'updated', quantity, seatsInUse }
}
