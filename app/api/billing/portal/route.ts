import { tenantRoute } from '@/app/_lib/tenant-route'
import * as billing from '@/modules/billing'

export const dynamic = 'force-dynamic'

// POST /api/billing/portal – a Stripe Customer Portal URL (owners and admins)
export const POST = tenantRoute({ meter: false }, (ctx) => billing.openBillingPortal(ctx))
