import { randomUUID } from 'node:crypto'
import { InngestTestEngine } from '@inngest/test'
import { Secret, TOTP } from 'otpauth'
import { describe, expect, it, vi } from 'vitest'
import { inngest, resetDevServerProbe } from '@/lib/jobs'
import { readOutbox } from '@/lib/mailer'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { addTestMember, createTestOrganization, sessionCookie, TEST_PASSWORD, type TestMember } from '@/tests/helpers/tenants'
import { listOrganizationsBlockingDeletion, requestAccountDeletion } from './account-deletion'
import { eraseAccount, leaveOrganizationForDeletion } from './account-erasure'
import { accountDeletionRequested } from './events'
import { inviteMember } from './invitations'
import { deleteAccountJob } from './jobs'
import { changeRole } from './members'
import { addMember } from './organizations'
import { actAsMember, createOrganization } from './organizations'
import * as repo from './repo'
import { getSessionFromRequest } from './session'
import { beginTwoFactorSetup, confirmTwoFactorSetup } from './two-factor'

const sessionOf = (cookie: string) => getSessionFromRequest(new Request('http://localhost/', { headers: { cookie } }))
const now = () => ({ sessionCreatedAt: Date.now() })
const confirmed = (member: TestMember) => ({ confirmEmail: member.email, password: TEST_PASSWORD })

async function count(sql: string, params: unknown[]): Promise<number> {
  return withClient(adminUrlForWorkerDb(), async (c) => Number((await c.query(`select count(*)::int as n from ${sql}`, params)).rows[0].n))
}

const goodbyesTo = async (email: string) =>
  (await readOutbox(200)).filter((e) => e.to === email && e.subject === 'Your Tenantkit account was deleted').length

function runDeletionJob(userId: string) {
  return new InngestTestEngine({ function: deleteAccountJob }).execute({
    events: [{ name: accountDeletionRequested.name, data: { userId } }],
    steps: [{ id: 'announce-organizations-deleted', handler: () => ({ ids: [] }) }],
  })
}

/** Queues the deletion with Inngest's send stubbed, as production would; returns what was sent. */
async function requestQueued(member: TestMember, requester = now()) {
  const send = vi.spyOn(inngest, 'send').mockResolvedValue({ ids: ['evt_test'] })
  try {
    expect(await requestAccountDeletion({ userId: member.userId, ...requester }, confirmed(member))).toEqual({ queued: true })
    return send.mock.calls.map(([payload]) => payload)
  } finally {
    send.mockRestore()
  }
}

describe('asking to delete an account', () => {
  it('is refused while the person is the only owner of an organization with other members, naming it', async () => {
    const owner = await createTestOrganization('shared')
    const member = await addTestMember(owner, 'member')
    const cookie = await sessionCookie(owner)
    const [organization] = await withClient(adminUrlForWorkerDb(), async (c) => (await c.query(`select name from "Tenant" where slug = $1`, [owner.slug])).rows)

    const refused = requestAccountDeletion({ userId: owner.userId, ...now() }, confirmed(owner))
    await expect(refused).rejects.toMatchObject({ code: 'users.last_owner', kind: 'conflict', details: { organizations: [{ slug: owner.slug }] } })
    await expect(refused).rejects.toThrow(`You are the only owner of ${organization.name}, which has other members`)
    expect(await sessionOf(cookie)).not.toBeNull()
    expect(await repo.findUserById(owner.userId)).not.toBeNull()

    // A second owner lifts the refusal.
    await changeRole(owner.ctx, member.userId, 'owner')
    expect(await listOrganizationsBlockingDeletion(owner.userId)).toEqual([])
  })

  it('needs the email typed again and the current password; nothing happens otherwise', async () => {
    const person = await createTestOrganization('confirm')
    const cookie = await sessionCookie(person)
    const who = { userId: person.userId, ...now() }
    await expect(requestAccountDeletion(who, { confirmEmail: 'someone-else@test.local', password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'users.confirmation_mismatch',
      kind: 'bad_request',
    })
    await expect(requestAccountDeletion(who, { confirmEmail: person.email, password: 'not-the-password' })).rejects.toMatchObject({ code: 'users.wrong_password' })
    await expect(requestAccountDeletion(who, { confirmEmail: person.email })).rejects.toMatchObject({ code: 'users.wrong_password' })
    expect(await sessionOf(cookie)).not.toBeNull()
  })

  it('asks an account without a password for a recent sign-in instead', async () => {
    const email = `passwordless-${randomUUID()}@test.local`
    const user = await repo.insertUser({ email, name: 'No Password', passwordHash: null, emailVerified: new Date() })
    const organization = await createOrganization(user.id, `Passwordless ${randomUUID().slice(0, 8)}`)
    const member = { userId: user.id, email, slug: organization.slug, ctx: await actAsMember(user.id, organization.slug) }
    const stale = { sessionCreatedAt: Date.now() - 16 * 60_000 }
    await expect(requestAccountDeletion({ userId: user.id, ...stale }, { confirmEmail: email })).rejects.toMatchObject({
      code: 'users.reauthentication_required',
      kind: 'forbidden',
    })
    const send = vi.spyOn(inngest, 'send').mockResolvedValue({ ids: ['evt_test'] })
    try {
      expect(await requestAccountDeletion({ userId: member.userId, ...now() }, { confirmEmail: email })).toEqual({ queued: true })
    } finally {
      send.mockRestore()
    }
  })

  it('asks for a two-factor code too when the account has two-factor on', async () => {
    const person = await createTestOrganization('mfa-delete')
    const cookie = await sessionCookie(person)
    const { secret } = await beginTwoFactorSetup(person.userId)
    const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate()
    const { recoveryCodes } = await confirmTwoFactorSetup(person.userId, (await sessionOf(cookie))!.sid, code)
    const who = { userId: person.userId, ...now() }
    await expect(requestAccountDeletion(who, confirmed(person))).rejects.toMatchObject({ code: 'users.invalid_code', kind: 'bad_request' })
    await expect(requestAccountDeletion(who, { ...confirmed(person), code: '000000' })).rejects.toMatchObject({ code: 'users.invalid_code' })
    expect(await sessionOf(cookie)).not.toBeNull()
    const send = vi.spyOn(inngest, 'send').mockResolvedValue({ ids: ['evt_test'] })
    try {
      expect(await requestAccountDeletion(who, { ...confirmed(person), code: recoveryCodes[0] })).toEqual({ queued: true })
    } finally {
      send.mockRestore()
    }
    expect(await sessionOf(cookie)).toBeNull()
  })
})

describe('the deletion job', () => {
  it('ends sessions at request time, deletes sole-member organizations, leaves the others going, then the user', async () => {
    const person = await createTestOrganization('leaving')
    const other = await createTestOrganization('staying')
    await addMember(other.ctx, person.userId, 'admin')
    const personInOther = { ...person, slug: other.slug, ctx: await actAsMember(person.userId, other.slug) }
    const invited = `invited-${randomUUID()}@test.local`
    await inviteMember(personInOther.ctx, { email: invited, role: 'member' })
    await withClient(adminUrlForWorkerDb(), async (c) => {
      await c.query(`insert into "Project" ("tenantId", name, "createdById", "updatedAt") values ($1, 'Kept', $2, now())`, [other.ctx.tenantId, person.userId])
      await c.query(`insert into "SecurityEvent" ("userId", email, action) values ($1, $2, 'sign_in'), (null, $2, 'sign_in.failed'), ($3, $4, 'sign_in')`, [
        person.userId,
        person.email,
        other.userId,
        other.email,
      ])
      await c.query(`insert into "RecoveryCode" ("userId", "codeHash") values ($1, 'hash')`, [person.userId])
      await c.query(`insert into "OAuthAccount" ("userId", provider, "providerAccountId") values ($1, 'github', $2)`, [person.userId, randomUUID()])
    })
    const cookies = [await sessionCookie(person), await sessionCookie(personInOther)]

    const sent = await requestQueued(person)
    expect(sent).toEqual([expect.objectContaining({ name: 'users/account.deletion-requested', data: { userId: person.userId } })])
    for (const cookie of cookies) expect(await sessionOf(cookie)).toBeNull()
    expect(await repo.findUserById(person.userId)).not.toBeNull()
    // Signed in again before the job ran: the job ends that session too.
    const lateCookie = await sessionCookie(person)

    const { result, error } = await runDeletionJob(person.userId)
    expect(error).toBeUndefined()
    expect(result).toEqual({ organizationsDeleted: 1, organizationsLeft: 1, userDeleted: true, securityEventsDeleted: 2 })

    expect(await count(`"Tenant" where id = $1`, [person.ctx.tenantId])).toBe(0)
    expect(await count(`"Membership" where "tenantId" = $1`, [other.ctx.tenantId])).toBe(1)
    expect(await count(`"Membership" where "tenantId" = $1 and "userId" = $2 and role = 'owner'`, [other.ctx.tenantId, other.userId])).toBe(1)
    expect(await count(`"Invitation" where "tenantId" = $1`, [other.ctx.tenantId])).toBe(0)
    expect(await count(`"Project" where "tenantId" = $1 and name = 'Kept' and "createdById" is null`, [other.ctx.tenantId])).toBe(1)
    // History outlives the account: the other organization's audit log still names the actor.
    expect(await count(`"AuditEvent" where "tenantId" = $1 and "actorId" = $2 and action in ('invitation.sent', 'member.left')`, [other.ctx.tenantId, person.userId])).toBe(2)

    expect(await count(`"User" where id = $1`, [person.userId])).toBe(0)
    expect(await count(`"SecurityEvent" where "userId" = $1 or email = $2`, [person.userId, person.email])).toBe(0)
    expect(await count(`"SecurityEvent" where "userId" = $1`, [other.userId])).toBe(1)
    expect(await count(`"RecoveryCode" where "userId" = $1`, [person.userId])).toBe(0)
    expect(await count(`"OAuthAccount" where "userId" = $1`, [person.userId])).toBe(0)
    expect(await sessionOf(lateCookie)).toBeNull()
    expect(await sessionOf(await sessionCookie(other))).not.toBeNull()
    expect(await goodbyesTo(person.email)).toBe(1)

    const again = await runDeletionJob(person.userId)
    expect(again.error).toBeUndefined()
    expect(again.result).toEqual({ organizationsDeleted: 0, organizationsLeft: 0, userDeleted: false, securityEventsDeleted: 0 })
    expect(await goodbyesTo(person.email)).toBe(1)
  })

  it('keeps an organization that gained a member after the request, and hands it an owner', async () => {
    const person = await createTestOrganization('raced')
    await requestQueued(person)
    const joiner = await createTestOrganization('joiner')
    await addMember(person.ctx, joiner.userId, 'member')
    const joinerCookie = await sessionCookie({ ...joiner, slug: person.slug, ctx: await actAsMember(joiner.userId, person.slug) })

    expect(await eraseAccount(person.userId)).toMatchObject({ organizationsDeleted: [], organizationsLeft: 1, userDeleted: true })
    expect(await count(`"Tenant" where id = $1`, [person.ctx.tenantId])).toBe(1)
    expect(await count(`"Membership" where "tenantId" = $1 and "userId" = $2 and role = 'owner'`, [person.ctx.tenantId, joiner.userId])).toBe(1)
    expect((await sessionOf(joinerCookie))?.record.role).toBe('owner')
  })

  it('waits for someone joining at that very moment, and keeps the organization', async () => {
    const person = await createTestOrganization('join-now')
    const joiner = await createTestOrganization('joiner-now')
    const { tenantId, tenantSlug } = person.ctx
    await withClient(process.env.DATABASE_URL ?? '', async (client) => {
      await client.query('begin')
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId])
      await client.query(`insert into "Membership" ("tenantId", "userId", role, "updatedAt") values ($1, $2, 'member', now())`, [tenantId, joiner.userId])
      const leaving = leaveOrganizationForDeletion(person.userId, { tenantId, slug: tenantSlug })
      await new Promise((resolve) => setTimeout(resolve, 300))
      await client.query('commit')
      expect(await leaving).toEqual({ outcome: 'left', newOwnerId: joiner.userId })
    })
    expect(await count(`"Membership" where "tenantId" = $1 and "userId" = $2 and role = 'owner'`, [tenantId, joiner.userId])).toBe(1)
  })

  it('runs in the request when no Inngest server answers in development', async () => {
    const person = await createTestOrganization('no-inngest')
    const mode = vi.spyOn(inngest, 'mode', 'get').mockReturnValue('dev')
    resetDevServerProbe()
    try {
      expect(await requestAccountDeletion({ userId: person.userId, ...now() }, confirmed(person))).toEqual({ queued: false })
    } finally {
      mode.mockRestore()
      resetDevServerProbe()
    }
    expect(await count(`"User" where id = $1`, [person.userId])).toBe(0)
    expect(await count(`"Tenant" where id = $1`, [person.ctx.tenantId])).toBe(0)
    expect(await goodbyesTo(person.email)).toBe(1)
  })
})
