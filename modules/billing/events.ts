import { tenantEventType } from '@/lib/jobs'
import { z } from 'zod'
import { PlanIdSchema } from './contract'

// Events of the billing module (Inngest). Every payload carries tenantId (tenantEventType).

/**
 * A verified Stripe webhook event, routed to its tenant and recorded. Sent with the Stripe event id
 * as the Inngest event id, so a second hand-over of the same event starts no second run.
 */
export const stripeEventReceived = tenantEventType('billing/stripe-event.received', {
  stripeEventId: z.string().startsWith('evt_'),
  type: z.string(),
  customerId: z.string().startsWith('cus_'),
  /** Unix seconds (Stripe's `created`). */
  created: z.number().int(),
})

/** The tenant's billing account now matches Stripe (after any Stripe event). */
export const subscriptionSynced = tenantEventType('billing/subscription.synced', {
  plan: PlanIdSchema,
  status: z.string(),
  seats: z.number().int(),
})

/**
 * The stored subscription looks out of date: its period ended and no event from Stripe has moved it
 * on (a missed webhook). billing-sync-subscription reads Stripe again (ADR 019).
 */
export const accountResyncRequested = tenantEventType('billing/account.resync-requested', {
  customerId: z.string().startsWith('cus_'),
})
