import { tenantRoute } from '@/app/_lib/tenant-route'
import { StartCheckoutInputSchema } from '@/modules/billing/contract'
import * as billing from '@/modules/billing'

export const dynamic = 'force-dynamic'

// POST /api/billing/checkout – a Stripe Checkout URL for { plan, interval } (owners and admins)
export const POST = tenantRoute({ body: StartCheckoutInputSchema, meter: false }, (ctx, { body }) => billing.startCheckout(ctx, body, null))
