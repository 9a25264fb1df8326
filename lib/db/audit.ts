import 'server-only'
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
  await tx.auditEvent.create({ data: event, select: { id: true } })
}
