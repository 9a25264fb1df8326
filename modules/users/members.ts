import 'server-only'
import { recordAuditEvent, withTenant, type TenantTx } from '@/lib/db'
import type { MembershipRole, TenantContext } from '@/lib/tenant-context'
import type { MemberDto } from './contract'
import { UsersError } from './errors'
import { assertCan, assertMayManageRole } from './permissions'
import * as repo from './repo'
import { announceSeatsChanged } from './seat-announcements'
import { updateSessionsInTenant } from './session-store'

// Members of an organization: list, change role, remove, leave. The last owner can neither leave
// nor be demoted or removed. Changes reach the member's live sessions at once.

const memberNotFound = () => new UsersError('users.member_not_found', 'not_found', 'This person is not a member of the organization.')

async function assertNotLastOwner(tx: TenantTx, role: MembershipRole, message: string): Promise<void> {
  if (role === 'owner' && (await repo.countOwners(tx)) <= 1) throw new UsersError('users.last_owner', 'conflict', message)
}

export async function listMembers(ctx: TenantContext): Promise<MemberDto[]> {
  const rows = await withTenant(ctx, (tx) => repo.listMembers(tx))
  return rows.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt.toISOString() }))
}

export async function changeRole(ctx: TenantContext, userId: string, role: MembershipRole): Promise<void> {
  assertCan(ctx, 'members.change_role')
  await withTenant(ctx, async (tx) => {
    const member = await repo.findMembership(tx, userId)
    if (!member) throw memberNotFound()
    assertMayManageRole(ctx, member.role, role)
    if (role !== 'owner') await assertNotLastOwner(tx, member.role, 'An organization needs an owner: make someone else owner first.')
    await repo.updateMembershipRole(tx, userId, role)
    await recordAuditEvent(tx, { tenantId: ctx.tenantId, actorId: ctx.userId, action: 'member.role_changed', targetType: 'user', targetId: userId, metadata: { from: member.role, to: role } })
  })
  await updateSessionsInTenant(userId, ctx.tenantId, { role })
}

export async function removeMember(ctx: TenantContext, userId: string): Promise<void> {
  if (userId !== ctx.userId) assertCan(ctx, 'members.remove')
  await withTenant(ctx, async (tx) => {
    const member = await repo.findMembership(tx, userId)
    if (!member) throw memberNotFound()
    if (userId !== ctx.userId) assertMayManageRole(ctx, member.role, null)
    await assertNotLastOwner(tx, member.role, 'The last owner cannot leave: make someone else owner first, or delete the organization.')
    await repo.deleteMembership(tx, userId)
    const action = userId === ctx.userId ? 'member.left' : 'member.removed'
    await recordAuditEvent(tx, { tenantId: ctx.tenantId, actorId: ctx.userId, action, targetType: 'user', targetId: userId, metadata: { role: member.role } })
  })
  // Their sessions in this organization end now, not when they expire.
  await updateSessionsInTenant(userId, ctx.tenantId, null)
  await announceSeatsChanged(ctx, userId === ctx.userId ? 'member_left' : 'member_removed')
}

/**
 * Hands the organization to another member in one step: they become owner, the caller becomes admin
 * (they can leave afterwards). One transaction, so there is never a moment with no owner or two
 * half-done changes.
 */
export async function transferOwnership(ctx: TenantContext, toUserId: string): Promise<void> {
  assertCan(ctx, 'organization.transfer')
  if (!ctx.userId || toUserId === ctx.userId) throw new UsersError('users.forbidden', 'bad_request', 'Choose another member to hand the organization to.')
  const fromUserId = ctx.userId
  await withTenant(ctx, async (tx) => {
    const target = await repo.findMembership(tx, toUserId)
    if (!target) throw memberNotFound()
    await repo.updateMembershipRole(tx, toUserId, 'owner')
    await repo.updateMembershipRole(tx, fromUserId, 'admin')
    await recordAuditEvent(tx, { tenantId: ctx.tenantId, actorId: fromUserId, action: 'organization.ownership_transferred', targetType: 'user', targetId: toUserId, metadata: { from: target.role } })
  })
  await updateSessionsInTenant(toUserId, ctx.tenantId, { role: 'owner' })
  await updateSessionsInTenant(fromUserId, ctx.tenantId, { role: 'admin' })
}

/** Leaves the organization (not as its last owner). */
export function leaveOrganization(ctx: TenantContext): Promise<void> {
  if (!ctx.userId) throw memberNotFound()
  return removeMember(ctx, ctx.userId)
}

/** Members plus pending invitations (the seats a plan has to cover). */
export function countSeatsInUse(ctx: TenantContext): Promise<number> {
  return withTenant(ctx, (tx) => repo.countSeatsInUse(tx))
}


