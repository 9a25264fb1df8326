import { z } from 'zod'
import { tenantRoute } from '@/app/_lib/tenant-route'
import { DataExportIdSchema } from '@/modules/users/contract'
import * as users from '@/modules/users'

export const dynamic = 'force-dynamic'

// GET /api/account/export/<id> – download a finished export; only for the person it belongs to (404 otherwise)
export const GET = tenantRoute({ params: z.object({ id: DataExportIdSchema }) }, async (ctx, { params }) => {
  const data = await users.getDataExport(ctx.userId ?? '', params.id)
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="tenantkit-export.json"',
      // Personal data: no shared cache may keep a copy.
      'cache-control': 'private, no-store',
    },
  })
})
