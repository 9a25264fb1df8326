import 'server-only'
import { withTenant } from '@/lib/db'
import { getEnv } from '@/lib/env'
import type { TenantContext } from '@/lib/tenant-context'
import { can, countSeatsInUse } from '@/modules/users'
import { getStripeConfig } from './config'
import type { StartCheckoutInput } from './contract'
import { BillingError } from './errors'
import { PLANS } from './plans'
import { priceFor } from './prices'
import * as repo from './repo'
import { createCheckoutSession, createPortalSession } from './stripe-gateway'

// Checkout and the customer portal. Stripe is called outside any transaction; what the customer
// buys reaches this app only through the webhook job, never through these redirects.

const TRIAL_DAYS = 14

function requireManager(ctx: TenantContext) {
  if (!can(ctx.role, 'billing.manage')) throw new BillingError('billing.forbidden', 'forbidden', 'Only owners and admins can manage billing.')
  const config = getStripeConfig()
  if (!config) throw new BillingError('billing.not_configured', 'unavailable', 'Billing is off on this deployment: there are no Stripe keys.')
  return config
}

/** A Stripe Checkout URL for the plan; a first subscription starts with a trial. */
export async function startCheckout(ctx: TenantContext, input: StartCheckoutInput, email: string | null): Promise<{ url: string }> {
  const config = requireManager(ctx)
  const priceId = priceFor(input.plan, input.interval)
  if (!priceId) {
    const key = `STRIPE_PRICE_${input.plan.toUpperCase()}_${input.interval === 'month' ? 'MONTHLY' : 'YEARLY'}`
    throw new BillingError('billing.plan_not_for_sale', 'bad_request', `That plan is not on sale here yet (${key} is not set).`)
  }
  const account = await withTenant(ctx, (tx) => repo.findBillingAccount(tx))
  // A per-seat plan starts at the seats in use; the seat job keeps it there afterwards.
  const quantity = PLANS[input.plan].perSeat ? Math.max(1, await countSeatsInUse(ctx)) : 1
  const base = `${getEnv().APP_URL}/t/${ctx.tenantSlug}/billing`
  const url = await createCheckoutSession(config, {
    priceId,
    quantity,
    tenantId: ctx.tenantId,
    customerId: account?.stripeCustomerId ?? null,
    email,
    trialDays: account?.stripeCustomerId ? null : TRIAL_DAYS,
    // The success page waits until this plan is in force (the webhook job may still be running).
    successUrl: `${base}/success?plan=${input.plan}`,
    cancelUrl: base,
  })
  return { url }
}

/** A Customer Portal URL: upgrade, downgrade, cancel, change the payment method. */
export async function openBillingPortal(ctx: TenantContext): Promise<{ url: string }> {
  const config = requireManager(ctx)
  const account = await withTenant(ctx, (tx) => repo.findBillingAccount(tx))
  if (!account?.stripeCustomerId) throw new BillingError('billing.no_customer', 'conflict', 'There is no subscription to manage yet: choose a plan first.')
  return { url: await createPortalSession(config, account.stripeCustomerId, `${getEnv().APP_URL}/t/${ctx.tenantSlug}/billing`) }
}
