import 'server-only'
import type { TenantTx } from '@/lib/db'

// The only file of the projects module that touches Prisma. Row-level security scopes every query
// to the transaction's tenant; `tenantId` is still written explicitly on insert (WITH CHECK verifies it).

const projectSelect = {
  id: true,
  name: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  createdById: true,
} as const

export type ProjectRow = {
  id: string
  name: string
  archivedAt: Date | null
  createdAt: Date
  updatedAt: Date
  createdById: string | null
}

export type ProjectCursor = { createdAt: Date; id: string }

export function listProjects(
  tx: TenantTx,
  { archived, limit, after }: { archived: boolean | null; limit: number; after?: ProjectCursor },
): Promise<ProjectRow[]> {
  return tx.project.findMany({
    where: {
      ...(archived === null ? {} : { archivedAt: archived ? { not: null } : null }),
      // Keyset pagination on (createdAt, id): stable under inserts, no OFFSET scans.
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: projectSelect,
  })
}

export function countActiveProjects(tx: TenantTx): Promise<number> {
  return tx.project.count({ where: { archivedAt: null } })
}

export function findProject(tx: TenantTx, id: string): Promise<ProjectRow | null> {
  return tx.project.findUnique({ where: { id }, select: projectSelect })
}

export function insertProject(tx: TenantTx, data: { tenantId: string; name: string; createdById: string | null }): Promise<ProjectRow> {
  return tx.project.create({ data, select: projectSelect })
}

export function updateProject(tx: TenantTx, id: string, data: { name?: string; archivedAt?: Date | null }): Promise<ProjectRow> {
  return tx.project.update({ where: { id }, data, select: projectSelect })
}
