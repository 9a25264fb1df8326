import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { lastEmailTo } from '@/tests/helpers/outbox'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { addTestMember, createTestOrganization, sessionCookie } from '@/tests/helpers/tenants'
import { acceptInvitation, inviteMember, listInvitations, resendInvitation, revokeInvitation } from './invitations'
import { listAuditLog } from './audit-log'
import { changeRole, leaveOrganization, listMembers, removeMember, transferOwnership } from './members'
import { actAsMember } from './organizations'
import { getSessionFromRequest } from './session'

const sessionOf = (cookie: string) => getSessionFromRequest(new Request('http://localhost/', { headers: { cookie } }))

async function invitationToken(email: string): Promise<string> {
  const match = (await lastEmailTo(email))?.text.match(/token=([A-Za-z0-9_%-]+)/)
  if (!match?.[1]) throw new Error(`no invitation email to ${email}`)
  return decodeURIComponent(match[1])
}

describe('roles', () => {
  it('members cannot invite, change roles or remove anyone (403)', async () => {
    const owner = await createTestOrganization('roles')
    const member = await addTestMember(owner, 'member')
    await expect(inviteMember(member.ctx, { email: 'x@test.local', role: 'member' })).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(changeRole(member.ctx, owner.userId, 'member')).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(removeMember(member.ctx, owner.userId)).rejects.toMatchObject({ kind: 'forbidden' })
  })

  it('admins manage members but cannot touch owners or make one', async () => {
    const owner = await createTestOrganization('admins')
    const admin = await addTestMember(owner, 'admin')
    const member = await addTestMember(owner, 'member')
    await changeRole(admin.ctx, member.userId, 'admin')
    await expect(changeRole(admin.ctx, member.userId, 'owner')).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(changeRole(admin.ctx, owner.userId, 'member')).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(removeMember(admin.ctx, owner.userId)).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(inviteMember(admin.ctx, { email: `o-${randomUUID()}@test.local`, role: 'owner' })).rejects.toMatchObject({ kind: 'forbidden' })
  })

  it('the last owner can neither leave nor be demoted; with a second owner both work', async () => {
    const owner = await createTestOrganization('last-owner')
    await expect(leaveOrganization(owner.ctx)).rejects.toMatchObject({ code: 'users.last_owner', kind: 'conflict' })
    await expect(changeRole(owner.ctx, owner.userId, 'admin')).rejects.toMatchObject({ code: 'users.last_owner' })
    const second = await addTestMember(owner, 'admin')
    await changeRole(owner.ctx, second.userId, 'owner')
    await changeRole(owner.ctx, owner.userId, 'admin')
    expect((await listMembers(second.ctx)).map((m) => [m.userId, m.role])).toEqual(
      expect.arrayContaining([
        [owner.userId, 'admin'],
        [second.userId, 'owner'],
      ]),
    )
  })

  it('a role change reaches the member’s live session at once; removal ends it', async () => {
    const owner = await createTestOrganization('live')
    const member = await addTestMember(owner, 'member')
    const cookie = await sessionCookie(member)
    await changeRole(owner.ctx, member.userId, 'admin')
    expect((await sessionOf(cookie))?.record.role).toBe('admin')
    await removeMember(owner.ctx, member.userId)
    expect(await sessionOf(cookie)).toBeNull()
    await expect(changeRole(owner.ctx, member.userId, 'member')).rejects.toMatchObject({ code: 'users.member_not_found', kind: 'not_found' })
    const audit = await withClient(adminUrlForWorkerDb(), async (c) =>
      (await c.query(`select action from "AuditEvent" where "tenantId" = $1 order by "createdAt"`, [owner.ctx.tenantId])).rows.map((r) => r.action),
    )
    expect(audit).toEqual(expect.arrayContaining(['member.added', 'member.role_changed', 'member.removed']))
  })
})

describe('invitations', () => {
  it('an invited person accepts once, with the invited address only', async () => {
    const owner = await createTestOrganization('invites')
    const invitee = await createTestOrganization('invitee')
    await inviteMember(owner.ctx, { email: invitee.email, role: 'admin' })
    const token = await invitationToken(invitee.email)
    const stranger = await createTestOrganization('stranger')
    await expect(acceptInvitation(token, { userId: stranger.userId, email: stranger.email })).rejects.toMatchObject({
      code: 'users.invitation_email_mismatch',
    })
    expect(await acceptInvitation(token, { userId: invitee.userId, email: invitee.email })).toMatchObject({
      slug: owner.slug,
      name: expect.stringMatching(/^invites [0-9a-f]{8}$/),
      role: 'admin',
    })
    await expect(acceptInvitation(token, { userId: invitee.userId, email: invitee.email })).rejects.toMatchObject({ code: 'users.invitation_not_found' })
    expect((await listMembers(owner.ctx)).find((m) => m.userId === invitee.userId)?.role).toBe('admin')
  })

  it('revoked and resent invitations: the old link dies', async () => {
    const owner = await createTestOrganization('revoke')
    const invitee = await createTestOrganization('invitee2')
    const invitation = await inviteMember(owner.ctx, { email: invitee.email, role: 'member' })
    const first = await invitationToken(invitee.email)
    await resendInvitation(owner.ctx, invitation.id)
    const second = await invitationToken(invitee.email)
    expect(second).not.toBe(first)
    await expect(acceptInvitation(first, { userId: invitee.userId, email: invitee.email })).rejects.toMatchObject({ code: 'users.invitation_not_found' })
    await revokeInvitation(owner.ctx, invitation.id)
    await expect(acceptInvitation(second, { userId: invitee.userId, email: invitee.email })).rejects.toMatchObject({ code: 'users.invitation_not_found' })
    expect(await listInvitations(owner.ctx)).toEqual([])
  })

  it('an expired invitation cannot be accepted, and another tenant cannot revoke it', async () => {
    const owner = await createTestOrganization('expire')
    const other = await createTestOrganization('other')
    const invitee = await createTestOrganization('invitee3')
    const invitation = await inviteMember(owner.ctx, { email: invitee.email, role: 'member' })
    await expect(revokeInvitation(other.ctx, invitation.id)).rejects.toMatchObject({ code: 'users.invitation_not_found', kind: 'not_found' })
    await withClient(adminUrlForWorkerDb(), (c) => c.query(`update "Invitation" set "expiresAt" = now() - interval '1 second' where id = $1`, [invitation.id]))
    await expect(acceptInvitation(await invitationToken(invitee.email), { userId: invitee.userId, email: invitee.email })).rejects.toMatchObject({
      code: 'users.invitation_not_found',
    })
  })

  it('inviting an existing member is a conflict', async () => {
    const owner = await createTestOrganization('dupe')
    const member = await addTestMember(owner, 'member')
    await expect(inviteMember(owner.ctx, { email: member.email, role: 'member' })).rejects.toMatchObject({ code: 'users.already_member', kind: 'conflict' })
  })
})

describe('audit log', () => {
  it('owners and admins read their organization’s log, newest first; members may not', async () => {
    const owner = await createTestOrganization('audit-log')
    const admin = await addTestMember(owner, 'admin')
    const member = await addTestMember(owner, 'member')
    await changeRole(owner.ctx, member.userId, 'member')
    const entries = await listAuditLog(admin.ctx)
    expect(entries[0]).toMatchObject({ action: 'member.role_changed', actor: owner.email, target: member.email })
    expect(entries.map((e) => e.action)).toContain('member.added')
    await expect(listAuditLog(member.ctx)).rejects.toMatchObject({ kind: 'forbidden' })
    const other = await createTestOrganization('audit-other')
    expect((await listAuditLog(other.ctx)).map((e) => e.action)).not.toContain('member.role_changed')
  })
})

describe('ownership transfer', () => {
  it('makes the member owner and the owner admin in one step, at once in both their sessions', async () => {
    const owner = await createTestOrganization('handover')
    const member = await addTestMember(owner, 'member')
    const ownerCookie = await sessionCookie(owner)
    const memberCookie = await sessionCookie(member)
    await transferOwnership(owner.ctx, member.userId)
    const roles = new Map((await listMembers(owner.ctx)).map((m) => [m.userId, m.role]))
    expect(roles.get(member.userId)).toBe('owner')
    expect(roles.get(owner.userId)).toBe('admin')
    expect((await sessionOf(ownerCookie))?.record.role).toBe('admin')
    expect((await sessionOf(memberCookie))?.record.role).toBe('owner')
    const asNewOwner = await actAsMember(member.userId, owner.slug)
    expect(asNewOwner.role).toBe('owner')
    expect((await listAuditLog(asNewOwner)).map((e) => e.action)).toContain('organization.ownership_transferred')
  })

  it('only an owner may, to another member of the same organization', async () => {
    const owner = await createTestOrganization('handover')
    const admin = await addTestMember(owner, 'admin')
    const stranger = await createTestOrganization('stranger')
    await expect(transferOwnership(admin.ctx, owner.userId)).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(transferOwnership(owner.ctx, owner.userId)).rejects.toMatchObject({ kind: 'bad_request' })
    await expect(transferOwnership(owner.ctx, stranger.userId)).rejects.toMatchObject({ kind: 'not_found' })
    expect((await listMembers(owner.ctx)).find((m) => m.userId === owner.userId)?.role).toBe('owner')
  })
})
