import { tenantRoute } from '@/app/_lib/tenant-route'
import * as billing from '@/modules/billing'

export const dynamic = 'force-dynamic'

// GET /api/billing/status – the subscription as last synced from Stripe (the success page polls it)
export const GET = tenantRoute({ meter: false }, (ctx) => billing.getBillingAccount(ctx))
