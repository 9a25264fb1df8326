import 'server-only'
import { listAuditEvents, withTenant } from '@/lib/db'
import type { TenantContext } from '@/lib/tenant-context'
import { assertCan } from './permissions'
import { getUserSummaries } from './service'

export type AuditEntryDto = { id: string; action: string; actor: string | null; target: string | null; ip: string | null; at: string }

/** The most entries one download holds (one query, one response; older ones need a database export). */
export const AUDIT_EXPORT_LIMIT = 10_000

/** The organization's newest audit events with who did them; owners and admins only. */
export async function listAuditLog(ctx: TenantContext, limit = 100): Promise<AuditEntryDto[]> {
  assertCan(ctx, 'audit.read')
  const rows = await withTenant(ctx, (tx) => listAuditEvents(tx, limit))
  // One lookup for every person named on the page, as actor or as target.
  const people = await getUserSummaries(rows.flatMap((r) => [...(r.actorId ? [r.actorId] : []), ...(r.targetType === 'user' && r.targetId ? [r.targetId] : [])]))
  const person = (id: string) => people.get(id)?.email ?? 'a former user'
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    actor: r.actorId ? person(r.actorId) : null,
    target: r.targetType === 'user' && r.targetId ? person(r.targetId) : r.targetType ? `${r.targetType} ${r.targetId ?? ''}`.trim() : null,
    ip: r.ip,
    at: r.createdAt.toISOString(),
  }))
}
