import 'server-only'
import { moduleLogger } from '../logger'
import type { MembershipRole } from '../tenant-context'
import { getDb } from './client'

// The few reads that must cross tenants. Each one is a SECURITY DEFINER function in the
// `tenantkit_system` schema (see the init migration): the app role can call it, cannot change it,
// and has no other way past row-level security. Every call is logged with its reason.

const log = moduleLogger('db.system')

export type UserMembership = { tenantId: string; slug: string; name: string; role: MembershipRole }

/** Which tenants a user belongs to (sign-in, organization switcher, resolving /t/<slug>). */
export async function listMembershipsOfUser(userId: string, reason: string): Promise<UserMembership[]> {
  log.info({ query: 'memberships_of_user', userId, reason }, 'cross-tenant read')
  return getDb().prisma.$queryRaw<UserMembership[]>`
    select "tenantId", "slug", "name", "role"::text as "role"
    from tenantkit_system.memberships_of_user(${userId}::uuid)`
}
