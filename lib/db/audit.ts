import 'server-only'
import { getRequestContext } from '../request-context'
import type { Prisma } from './generated/prisma/client'
import type { TenantTx } from './tenant'

// The audit log is cross-cutting: every module records its changes here, in the same transaction as
// the change itself, so a change and its record commit or roll back together.

export type AuditEventInput = {
  tenantId: string
  actorId: string | null
  action: string
  targetType?: string
  targetId?: string
  ip?: string | null
  metadata?: Prisma.InputJsonObject
}

export async function recordAuditEvent(tx: TenantTx, event: AuditEventInput): Promise<void> {
  // The IP comes from the request being served, so callers need not thread it through.
  const ip = event.ip ?? getRequestContext()?.ip ?? null
  await tx.auditEvent.create({ data: { ...event, ip }, select: { id: true } })
}

export type AuditEventRow = { id: string; actorId: string | null; action: string; targetType: string | null; targetId: string | null; ip: string | null; createdAt: Date }

/** The tenant's newest audit events (the transaction's tenant: row-level security decides). */
export function listAuditEvents(tx: TenantTx, limit: number): Promise<AuditEventRow[]> {
  return tx.auditEvent.findMany({
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, actorId: true, action: true, targetType: true, targetId: true, ip: true, createdAt: true },
  })
}
