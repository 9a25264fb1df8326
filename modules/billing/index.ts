// Public interface of the billing module: plans, the limits they set, and Stripe subscriptions.
import 'server-only'

export type { StartCheckoutInput } from './contract'
export type { BillingAccountDto, BillingInterval, BillingMode, Entitlements, PlanDto, PlanId, SubscriptionStatus } from './contract'
export { BillingError } from './errors'
/** Every plan with what it includes, cheapest first. */
export { PLANS, PLAN_ORDER, planDto } from './plans'
/** The tenant's plan and entitlements, the guard that turns a plan limit into a clear 402, the account as synced. */
export { assertWithinLimit, getBillingAccount, getEntitlements, getPlanId } from './entitlements'
/** Stripe Checkout and the Customer Portal (owners and admins). */
export { openBillingPortal, startCheckout } from './checkout'
/** The seat check to run before inviting someone (members plus pending invitations). */
export { assertSeatAvailable } from './seats'
/** Counts one API call and refuses it (402, naming the plan that lifts it) past the plan's monthly allowance. */
export { assertApiCallAllowed } from './api-quota'
/** 'off' when Stripe is not configured: every tenant is on Free and webhooks answer 503. */
export { getBillingMode } from './config'
/** Stripe webhook intake: verify, record once, hand to Inngest (POST /api/webhooks/stripe). */
export { receiveStripeWebhook, type WebhookOutcome } from './webhook'
/** Events this module sends (Inngest), for modules that react to them. */
export { accountResyncRequested, stripeEventReceived, subscriptionSynced } from './events'
/** Inngest functions of this module (app/api/inngest/route.ts serves them). */
export { billingJobs } from './jobs'
