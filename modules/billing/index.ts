// Public interface of the billing module: plans and the limits they set.
import 'server-only'

export type { Entitlements, PlanDto, PlanId } from './contract'
export { BillingError } from './errors'
/** Every plan with what it includes, cheapest first. */
export { PLANS, PLAN_ORDER, planDto } from './plans'
/** The tenant's plan, and the guard that turns a plan limit into a clear 402. */
export { assertWithinLimit, getPlanId } from './entitlements'
