import { z } from 'zod'
import { toCsv } from '@/app/_lib/csv'
import { tenantRoute } from '@/app/_lib/tenant-route'
import * as users from '@/modules/users'

export const dynamic = 'force-dynamic'

const QuerySchema = z.object({ format: z.enum(['csv', 'json'], { error: 'format is csv or json.' }).default('csv') })

// GET /api/audit?format=csv|json – the organization's audit log (owners and admins), newest first,
// up to users.AUDIT_EXPORT_LIMIT entries, as a download.
export const GET = tenantRoute({ query: QuerySchema }, async (ctx, { query }) => {
  const entries = await users.listAuditLog(ctx, users.AUDIT_EXPORT_LIMIT)
  const filename = `audit-${ctx.tenantSlug}-${new Date().toISOString().slice(0, 10)}.${query.format}`
  const headers = { 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' }
  if (query.format === 'json') return Response.json(entries, { headers })
  const csv = toCsv(
    ['at', 'actor', 'action', 'target', 'ip'],
    entries.map((e) => [e.at, e.actor, e.action, e.target, e.ip]),
  )
  return new Response(csv, { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } })
})
