import 'server-only'
import { randomBytes, randomUUID } from 'node:crypto'
import { isUniqueViolation, listMembershipsOfUser, recordAuditEvent, withTenant } from '@/lib/db'
import { moduleLogger } from '@/lib/logger'
import type { MembershipRole, TenantContext } from '@/lib/tenant-context'
import { createTenantContext } from '@/lib/tenant-context-factory'
import type { TenantSummaryDto } from './contract'
import { UsersError } from './errors'
import * as repo from './repo'
import { announceSeatsChanged } from './seat-announcements'

const log = moduleLogger('users')

function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return base.length >= 2 ? base : 'org'
}

/**
 * Creates an organization with `userId` as its owner. The new tenant's own context authorizes the
 * inserts, so row-level security applies here as everywhere else.
 */
export async function createOrganization(userId: string, name: string): Promise<TenantSummaryDto> {
  const base = slugify(name)
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`
    const tenantId = randomUUID()
    const ctx = createTenantContext({ tenantId, tenantSlug: slug, userId, role: 'owner', source: 'session' })
    try {
      await withTenant(ctx, async (tx) => {
        await repo.insertTenant(tx, { id: tenantId, slug, name })
        await repo.insertMembership(tx, { tenantId, userId, role: 'owner' })
      })
      log.info({ tenantId, userId }, 'organization created')
      return { tenantId, slug, name, role: 'owner' }
    } catch (error) {
      if (!isUniqueViolation(error, 'slug')) throw error
    }
  }
  throw new Error(`could not find a free slug for "${name}"`)
}

/**
 * The context of `userId` acting in the organization `slug`, after checking the membership.
 * For scripts (seed) and server-side work on a user's behalf; requests get theirs from the session.
 */
export async function actAsMember(userId: string, slug: string): Promise<TenantContext> {
  const membership = (await listMembershipsOfUser(userId, `act as member of ${slug}`)).find((m) => m.slug === slug)
  if (!membership) throw new UsersError('users.not_a_member', 'not_found', 'There is no organization at this address.')
  return createTenantContext({ tenantId: membership.tenantId, tenantSlug: slug, userId, role: membership.role, source: 'session' })
}

/** Adds an existing user to the organization. Owners and admins only; admins cannot add owners. */
export async function addMember(ctx: TenantContext, userId: string, role: MembershipRole): Promise<void> {
  if (ctx.role !== 'owner' && ctx.role !== 'admin') {
    throw new UsersError('users.forbidden', 'forbidden', 'Only owners and admins can add members.')
  }
  if (role === 'owner' && ctx.role !== 'owner') {
    throw new UsersError('users.forbidden', 'forbidden', 'Only an owner can make someone an owner.')
  }
  await withTenant(ctx, async (tx) => {
    await repo.insertMembership(tx, { tenantId: ctx.tenantId, userId, role })
    await recordAuditEvent(tx, { tenantId: ctx.tenantId, actorId: ctx.userId, action: 'member.added', targetType: 'user', targetId: userId, metadata: { role } })
  }).catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new UsersError('users.already_member', 'conflict', 'This person is already a member.')
    throw error
  })
  await announceSeatsChanged(ctx, 'member_added')
}
