import 'server-only'
import { identityDb, type TenantTx } from '@/lib/db'
import type { MembershipRole } from '@/lib/tenant-context'

// Only this file touches the users module's tables. No decisions here: queries in, rows out.

const signInSelect = { id: true, email: true, name: true, passwordHash: true } as const
const summarySelect = { id: true, email: true, name: true } as const

export function findUserForSignIn(email: string) {
  return identityDb().user.findUnique({ where: { email }, select: signInSelect })
}

export function findUserSummaries(ids: readonly string[]) {
  return identityDb().user.findMany({ where: { id: { in: [...ids] } }, select: summarySelect })
}

export function insertUser(data: { email: string; name: string | null; passwordHash: string | null; emailVerified: Date | null }) {
  return identityDb().user.create({ data, select: summarySelect })
}

export function insertTenant(tx: TenantTx, data: { id: string; slug: string; name: string }) {
  return tx.tenant.create({ data, select: { id: true, slug: true, name: true } })
}

export function insertMembership(tx: TenantTx, data: { tenantId: string; userId: string; role: MembershipRole }) {
  return tx.membership.create({ data, select: { id: true, role: true } })
}
