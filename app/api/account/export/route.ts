import { tenantRoute } from '@/app/_lib/tenant-route'
import * as users from '@/modules/users'

export const dynamic = 'force-dynamic'

// POST /api/account/export – ask for a copy of the signed-in person's data; a job emails the link
export const POST = tenantRoute({}, async (ctx) => Response.json(await users.requestDataExport(ctx.userId ?? ''), { status: 202 }))
