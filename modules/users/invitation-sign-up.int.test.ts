import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { tokenFromEmail } from '@/tests/helpers/outbox'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { createTestOrganization, type TestMember } from '@/tests/helpers/tenants'
import { acceptInvitationAsNewUser, previewInvitation } from './invitation-sign-up'
import { acceptInvitation, inviteMember, revokeInvitation } from './invitations'
import { verifyPassword } from './password'
import * as repo from './repo'
import { listTenantsOfUser } from './service'

// Each call gets its own IP: sign-ups are limited per network.
const headers = () => new Headers({ 'x-forwarded-for': `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7` })
const PASSWORD = 'invited-password-123'

async function invite(owner: TestMember, role: 'admin' | 'member' = 'member', email = `new-${randomUUID()}@test.local`) {
  const invitation = await inviteMember(owner.ctx, { email, role })
  return { email, id: invitation.id, token: await tokenFromEmail(email, '/invitations/accept') }
}

async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
  return withClient(adminUrlForWorkerDb(), async (c) => (await c.query(sql, params)).rows as T[])
}

describe('accepting an invitation without an account', () => {
  it('creates a verified account in the invited organization with the invited role, and no other organization', async () => {
    const owner = await createTestOrganization('inviting')
    const { email, id, token } = await invite(owner, 'admin')
    // The organization's name, not its address (createTestOrganization names it "<label> <8 hex>").
    const name = (await listTenantsOfUser(owner.userId)).find((t) => t.slug === owner.slug)?.name
    expect(name).toMatch(/^inviting [0-9a-f]{8}$/)
    expect(await previewInvitation(token)).toEqual({ organization: name, email, role: 'admin', hasAccount: false })

    const joined = await acceptInvitationAsNewUser({ token, name: 'Nia New', password: PASSWORD }, headers())
    expect(joined).toEqual({ email, organization: { tenantId: owner.ctx.tenantId, slug: owner.slug, name, role: 'admin' } })

    const user = await repo.findUserForSignIn(email)
    expect(user).toMatchObject({ name: 'Nia New', emailVerified: expect.any(Date) })
    expect(await verifyPassword(user?.passwordHash ?? null, PASSWORD)).toBe(true)
    expect(await listTenantsOfUser(user?.id ?? '')).toEqual([expect.objectContaining({ tenantId: owner.ctx.tenantId, role: 'admin' })])
    const [invitation] = await query<{ acceptedAt: Date | null }>(`select "acceptedAt" from "Invitation" where id = $1`, [id])
    expect(invitation?.acceptedAt).toBeInstanceOf(Date)
    const audit = await query(`select 1 from "AuditEvent" where "tenantId" = $1 and action = 'invitation.accepted' and "actorId" = $2`, [owner.ctx.tenantId, user?.id])
    expect(audit).toHaveLength(1)
  })

  it('works once: the used link shows nothing and cannot be accepted again', async () => {
    const owner = await createTestOrganization('single-use')
    const { token } = await invite(owner)
    await acceptInvitationAsNewUser({ token, name: 'First', password: PASSWORD }, headers())
    expect(await previewInvitation(token)).toBeNull()
    await expect(acceptInvitationAsNewUser({ token, name: 'Second', password: PASSWORD }, headers())).rejects.toMatchObject({
      code: 'users.invitation_not_found',
      kind: 'not_found',
    })
  })

  it('lets exactly one of two simultaneous acceptances through', async () => {
    const owner = await createTestOrganization('race')
    const { email, token } = await invite(owner)
    const outcomes = await Promise.allSettled([
      acceptInvitationAsNewUser({ token, name: 'A', password: PASSWORD }, headers()),
      acceptInvitationAsNewUser({ token, name: 'B', password: PASSWORD }, headers()),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    expect(await query(`select 1 from "User" where email = $1`, [email])).toHaveLength(1)
    expect(await query(`select 1 from "Membership" where "tenantId" = $1`, [owner.ctx.tenantId])).toHaveLength(2)
  })

  it('refuses an expired or revoked invitation and creates no account', async () => {
    const owner = await createTestOrganization('stale')
    const expired = await invite(owner)
    await withClient(adminUrlForWorkerDb(), (c) => c.query(`update "Invitation" set "expiresAt" = now() - interval '1 minute' where id = $1`, [expired.id]))
    const revoked = await invite(owner)
    await revokeInvitation(owner.ctx, revoked.id)
    for (const { token, email } of [expired, revoked]) {
      expect(await previewInvitation(token)).toBeNull()
      await expect(acceptInvitationAsNewUser({ token, name: 'Late', password: PASSWORD }, headers())).rejects.toMatchObject({ code: 'users.invitation_not_found' })
      expect(await repo.findUserForSignIn(email)).toBeNull()
    }
  })

  it('sends an address that already has an account to sign in, leaving the invitation for that account', async () => {
    const owner = await createTestOrganization('existing')
    const someone = await createTestOrganization('someone')
    const { token } = await invite(owner, 'member', someone.email)
    expect(await previewInvitation(token)).toMatchObject({ hasAccount: true })
    await expect(acceptInvitationAsNewUser({ token, name: 'Impostor', password: PASSWORD }, headers())).rejects.toMatchObject({
      code: 'users.email_taken',
      kind: 'conflict',
    })
    await expect(acceptInvitation(token, { userId: someone.userId, email: someone.email })).resolves.toMatchObject({ slug: owner.slug })
  })
})
