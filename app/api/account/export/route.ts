import { tenantRoute } from '@/app/_lib/tenant-route'
import * as users from '@/modules/users'

export const dynamic = 'force-dynamic'

// GET /api/account/export – the signed-in person's data as a JSON download
export const GET = tenantRoute({}, async (ctx) => {
  const data = await users.exportUserData(ctx.userId ?? '')
  return new Response(JSON.stringify(data, null, 2), {
    headers: { 'content-type': 'application/json', 'content-disposition': 'attachment; filename="tenantkit-export.json"' },
  })
})
