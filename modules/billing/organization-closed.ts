import 'server-only'
import { moduleLogger } from '@/lib/logger'
import { getStripeConfig } from './config'
import { cancelSubscriptionNow, searchSubscriptionsOfTenant } from './stripe-gateway'

// A deleted organization must stop being charged. Its BillingAccount went with it (ON DELETE
// CASCADE), so the subscriptions are found in Stripe by the tenantId our checkout put in their
// metadata (docs/decisions/021-billing-when-an-organization-is-deleted.md).

const log = moduleLogger('billing.organization-closed')
const ENDED = new Set(['canceled', 'incomplete_expired'])

export type ClosingOutcome = { action: 'billing_off' } | { action: 'done'; canceled: string[] }

/** Cancels, now, every subscription of the deleted tenant that has not ended yet. */
export async function cancelSubscriptionsOfDeletedTenant(tenantId: string): Promise<ClosingOutcome> {
  const config = getStripeConfig()
  if (!config) return { action: 'billing_off' }
  const live = (await searchSubscriptionsOfTenant(config, tenantId)).filter((s) => !ENDED.has(s.status))
  for (const subscription of live) {
    await cancelSubscriptionNow(config, subscription.id, `close:${tenantId}:${subscription.id}`)
    log.info({ tenantId, subscriptionId: subscription.id }, 'subscription of a deleted organization canceled')
  }
  return { action: 'done', canceled: live.map((s) => s.id) }
}
