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

export type PlanDto = { id: PlanId; name: string; entitlements: Entitlements }
