import type { Entitlements, PlanDto, PlanId } from './contract'

// The one place plans and what they include are defined. Everything that enforces a limit reads it
// from here; no `if (plan === 'pro')` anywhere else.
// `perSeat`: the Stripe price is per member, so the subscription quantity follows the seats in use
// (modules/billing/seat-quantity.ts); otherwise the price is flat and the quantity is 1.
export const PLANS: Record<PlanId, { name: string; perSeat: boolean; entitlements: Entitlements }> = {
  free: { name: 'Free', perSeat: false, entitlements: { seats: 3, projects: 5, apiCallsPerMonth: 10_000 } },
  pro: { name: 'Pro', perSeat: false, entitlements: { seats: 10, projects: 50, apiCallsPerMonth: 250_000 } },
  team: { name: 'Team', perSeat: true, entitlements: { seats: 50, projects: 500, apiCallsPerMonth: 2_000_000 } },
}

export const PLAN_ORDER: readonly PlanId[] = ['free', 'pro', 'team']

export function planDto(id: PlanId): PlanDto {
  return { id, ...PLANS[id] }
}

/** The cheapest plan above `current` whose `entitlement` exceeds `needed`, if any. */
export function planThatLifts(current: PlanId, entitlement: keyof Entitlements, needed: number): PlanDto | null {
  const above = PLAN_ORDER.slice(PLAN_ORDER.indexOf(current) + 1)
  const id = above.find((candidate) => PLANS[candidate].entitlements[entitlement] >= needed)
  return id ? planDto(id) : null
}
