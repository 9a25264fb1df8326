import type { MembershipRole, TenantContext } from '@/lib/tenant-context'
import { UsersError } from './errors'

// The one permission map. Every action checks it on the server; pages only hide what it refuses.
export const PERMISSIONS = {
  'members.invite': ['owner', 'admin'],
  'members.change_role': ['owner', 'admin'],
  'members.remove': ['owner', 'admin'],
  'organization.delete': ['owner'],
  'organization.transfer': ['owner'],
  'organization.export': ['owner'],
  'billing.manage': ['owner', 'admin'],
  'audit.read': ['owner', 'admin'],
} as const satisfies Record<string, readonly MembershipRole[]>

export type Permission = keyof typeof PERMISSIONS

export function can(role: MembershipRole | null, permission: Permission): boolean {
  return role !== null && (PERMISSIONS[permission] as readonly MembershipRole[]).includes(role)
}

export function assertCan(ctx: TenantContext, permission: Permission): void {
  if (!can(ctx.role, permission)) {
    const who = PERMISSIONS[permission].join(' and ')
    throw new UsersError('users.forbidden', 'forbidden', `Only ${who}s can do this.`)
  }
}

/** Only an owner may hand out, take away or touch the owner role. */
export function assertMayManageRole(ctx: TenantContext, from: MembershipRole | null, to: MembershipRole | null): void {
  if ((from === 'owner' || to === 'owner') && ctx.role !== 'owner') {
    throw new UsersError('users.forbidden', 'forbidden', 'Only an owner can change what an owner can do.')
  }
}
