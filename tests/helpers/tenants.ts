import { randomUUID } from 'node:crypto'
import type { TenantContext } from '@/lib/tenant-context'
import * as users from '@/modules/users'
import { cookieForSession, sessionCookieName } from '@/modules/users/auth-cookie'
import { createSession } from '@/modules/users/session-store'

export const TEST_PASSWORD = 'correct-horse-battery'

export type TestMember = { userId: string; email: string; slug: string; ctx: TenantContext }

/** A new user with a new organization of their own, and their context there as owner. */
export async function createTestOrganization(label = 'org'): Promise<TestMember> {
  const email = `${label}-${randomUUID()}@test.local`
  const { user, organization } = await users.registerUser({
    email,
    name: `Owner of ${label}`,
    password: TEST_PASSWORD,
    organizationName: `${label} ${randomUUID().slice(0, 8)}`,
    emailVerified: true,
  })
  return { userId: user.id, email, slug: organization.slug, ctx: await users.actAsMember(user.id, organization.slug) }
}

/** Another user added to `owner`'s organization with `role`. */
export async function addTestMember(owner: TestMember, role: 'admin' | 'member' = 'member'): Promise<TestMember> {
  const other = await createTestOrganization(`${role}`)
  await users.addMember(owner.ctx, other.userId, role)
  return { ...other, slug: owner.slug, ctx: await users.actAsMember(other.userId, owner.slug) }
}

/** A Cookie header that signs `member` in, active in their context's organization. */
export async function sessionCookie(member: TestMember): Promise<string> {
  const sid = await createSession({
    userId: member.userId,
    email: member.email,
    name: null,
    tenantId: member.ctx.tenantId,
    tenantSlug: member.ctx.tenantSlug,
    role: member.ctx.role ?? 'member',
    ip: '127.0.0.1',
    userAgent: 'vitest',
  })
  return `${sessionCookieName()}=${await cookieForSession({ sid, userId: member.userId })}`
}
