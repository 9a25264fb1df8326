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

export type StripeCustomerTenant = { tenantId: string; slug: string }

/** Which tenant a Stripe customer belongs to (webhook routing); null when no tenant has it. */
export async function findTenantOfStripeCustomer(customerId: string, reason: string): Promise<StripeCustomerTenant | null> {
  log.info({ query: 'tenant_of_stripe_customer', customerId, reason }, 'cross-tenant read')
  const rows = await getDb().prisma.$queryRaw<StripeCustomerTenant[]>`
    select "tenantId", "slug" from tenantkit_system.tenant_of_stripe_customer(${customerId})`
  return rows[0] ?? null
}


export type InvitationByToken = {
  id: string
  tenantId: string
  slug: string
  /** The organization's display name. */
  name: string
  email: string
  role: MembershipRole
  expiresAt: Date
  acceptedAt: Date | null
  revokedAt: Date | null
}

/** The invitation behind an emailed token (accepting happens before the person is a member). */
export async function findInvitationByTokenHash(tokenHash: string, reason: string): Promise<InvitationByToken | null> {
  log.info({ query: 'invitation_by_token_hash', reason }, 'cross-tenant read')
  const rows = await getDb().prisma.$queryRaw<InvitationByToken[]>`
    select "id", "tenantId", "slug", "name", "email", "role"::text as "role", "expiresAt", "acceptedAt", "revokedAt"
    from tenantkit_system.invitation_by_token_hash(${tokenHash})`
  return rows[0] ?? null
}
