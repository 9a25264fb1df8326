// Plans and entitlements as other modules and client components see them.
import { z } from 'zod'

export const PlanIdSchema = z.enum(['free', 'pro', 'team'])
export type PlanId = z.infer<typeof PlanIdSchema>

export type Entitlements = {
  /** Members (including the owner) an organization may have. */
  seats: number
  /** Projects that are not archived. */
  projects: number
  apiCallsPerMonth: number
}

/** `perSeat`: billed per member (the subscription quantity follows the seats in use). */
export type PlanDto = { id: PlanId; name: string; perSeat: boolean; entitlements: Entitlements }

export const BillingIntervalSchema = z.enum(['month', 'year'])
export type BillingInterval = z.infer<typeof BillingIntervalSchema>

/** Whether Stripe is configured. Off: every tenant is on Free and nothing can be bought. */
export type BillingMode = 'on' | 'off'

/** Stripe's subscription statuses, plus 'none' for a customer without a subscription. */
export type SubscriptionStatus =
  | 'active'
  | 'trialing'
  | 'past_due'
  | 'unpaid'
  | 'paused'
  | 'incomplete'
  | 'incomplete_expired'
  | 'canceled'
  | 'none'

export type BillingAccountDto = {
  /** The plan in force now (Free unless the subscription is active, trialing or past due). */
  plan: PlanId
  /** The plan the subscription is for, whatever its status. */
  subscribedPlan: PlanId
  interval: BillingInterval | null
  /** Stripe's status as last read (a newer API version may add values). */
  status: SubscriptionStatus | (string & {})
  seats: number
  currentPeriodEnd: string | null
  cancelAtPeriodEnd: boolean
  trialEnd: string | null
}

export const StartCheckoutInputSchema = z
  .object({
    plan: z.enum(['pro', 'team'], { error: 'Choose the pro or team plan.' }),
    interval: z.enum(['month', 'year'], { error: 'Choose month or year.' }).default('month'),
  })
  .strict()
export type StartCheckoutInput = z.infer<typeof StartCheckoutInputSchema>
