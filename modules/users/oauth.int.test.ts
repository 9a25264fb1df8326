import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { listMembershipsOfUser } from '@/lib/db'
import { lastEmailTo } from '@/tests/helpers/outbox'
import { adminUrlForWorkerDb, sqlErrorCode, withClient } from '@/tests/helpers/sql'
import { createTestOrganization } from '@/tests/helpers/tenants'
import { oauthIdentityFrom, resolveOAuthUser, type OAuthIdentity } from './oauth'
import * as repo from './repo'
import { listSecurityEvents } from './security-events'
import { listSignInMethods, unlinkProvider } from './sign-in-methods'
import { registerUser } from './service'

// The linking rules with synthetic provider profiles, the shapes Auth.js hands the signIn callback
// (Google: ID token claims; GitHub: our userinfo step's output). No network.

const meta = { ip: '10.8.8.8', userAgent: 'vitest' }
const newEmail = () => `oauth-${randomUUID()}@test.local`
const newAccountId = () => String(Math.floor(Math.random() * 1e12))

function google(email: string, emailVerified: boolean, sub = newAccountId()): OAuthIdentity {
  const identity = oauthIdentityFrom('google', sub, { sub, email, email_verified: emailVerified, name: 'Gia Google', iss: 'https://accounts.google.com' })
  if (!identity) throw new Error('not a profile')
  return identity
}
function github(email: string | null, id = newAccountId()): OAuthIdentity {
  const identity = oauthIdentityFrom('github', id, { id, login: 'octo', name: null, email, email_verified: email !== null })
  if (!identity) throw new Error('not a profile')
  return identity
}

const linksOf = (provider: string, providerAccountId: string) =>
  withClient(adminUrlForWorkerDb(), async (c) =>
    (await c.query<{ userId: string }>(`select "userId" from "OAuthAccount" where provider = $1 and "providerAccountId" = $2`, [provider, providerAccountId])).rows,
  )
const userIdOf = (result: Awaited<ReturnType<typeof resolveOAuthUser>>) => ('userId' in result ? result.userId : result.error)

describe('reading provider profiles', () => {
  it('keeps only what linking needs, with the address normalised and verified only when the provider says so', () => {
    expect(oauthIdentityFrom('google', 's1', { email: ' Ada@Example.COM ', email_verified: true, name: 'Ada' })).toEqual({
      provider: 'google',
      providerAccountId: 's1',
      email: 'ada@example.com',
      emailVerified: true,
      name: 'Ada',
    })
    expect(oauthIdentityFrom('google', 's1', { email: 'ada@example.com' })?.emailVerified).toBe(false)
    expect(oauthIdentityFrom('google', 's1', { email: 'ada@example.com', email_verified: 'true' })).toBeNull()
    expect(oauthIdentityFrom('github', '7', { email: 'not an address', email_verified: true, login: 'octo' })).toMatchObject({ email: null, emailVerified: false, name: 'octo' })
    expect(oauthIdentityFrom('gitlab', '7', { email: 'ada@example.com', email_verified: true })).toBeNull()
    expect(oauthIdentityFrom('github', '', { email: 'ada@example.com', email_verified: true })).toBeNull()
  })
})

describe('resolving an OAuth sign-in to one of our users', () => {
  it('creates a new user with a verified address, an organization of their own, and the link', async () => {
    const email = newEmail()
    const identity = github(email)
    const result = await resolveOAuthUser(identity, meta)
    const userId = userIdOf(result)
    const user = await repo.findUserById(userId)
    expect(user).toMatchObject({ email, passwordHash: null, emailVerified: expect.any(Date) })
    expect(await listMembershipsOfUser(userId, 'test')).toEqual([expect.objectContaining({ role: 'owner', name: "octo's workspace" })])
    expect(await linksOf('github', identity.providerAccountId)).toEqual([{ userId }])
    expect((await listSecurityEvents(userId))[0]).toMatchObject({ action: 'oauth.linked', metadata: { provider: 'github', newUser: true } })
    expect(await lastEmailTo(email)).toBeUndefined()
  })

  it('links an existing account whose address is confirmed, and tells its owner by email', async () => {
    const member = await createTestOrganization('oauth-link')
    const identity = google(member.email, true)
    expect(await resolveOAuthUser(identity, meta)).toEqual({ userId: member.userId })
    expect(await linksOf('google', identity.providerAccountId)).toEqual([{ userId: member.userId }])
    expect((await lastEmailTo(member.email))?.subject).toBe('Google sign-in added to your Tenantkit account')
    expect((await listSecurityEvents(member.userId))[0]).toMatchObject({ action: 'oauth.linked', metadata: { provider: 'google', newUser: false } })
  })

  it('refuses to link an existing account that never confirmed its address', async () => {
    const email = newEmail()
    const { user } = await registerUser({ email, name: 'Squatter', password: 'a-long-enough-password', organizationName: 'Squat' })
    const identity = google(email, true)
    expect(await resolveOAuthUser(identity, meta)).toEqual({ error: 'account_unverified' })
    expect(await linksOf('google', identity.providerAccountId)).toEqual([])
    expect((await repo.findUserById(user.id))?.emailVerified).toBeNull()
  })

  it('never links or creates with an address the provider did not verify', async () => {
    const member = await createTestOrganization('oauth-unverified')
    const toExisting = google(member.email, false)
    expect(await resolveOAuthUser(toExisting, meta)).toEqual({ error: 'email_unverified' })
    expect(await linksOf('google', toExisting.providerAccountId)).toEqual([])

    const email = newEmail()
    expect(await resolveOAuthUser(google(email, false), meta)).toEqual({ error: 'email_unverified' })
    // GitHub without a verified primary address: our userinfo step leaves the email empty.
    expect(await resolveOAuthUser(github(null), meta)).toEqual({ error: 'email_unverified' })
    expect(await repo.findUserForSignIn(email)).toBeNull()
    expect((await listSecurityEvents(member.userId)).length).toBe(0)
  })

  it('finds the link on the next sign-in, whatever address the provider reports by then', async () => {
    const email = newEmail()
    const first = github(email)
    const userId = userIdOf(await resolveOAuthUser(first, meta))
    const renamed = github(null, first.providerAccountId)
    expect(await resolveOAuthUser(renamed, meta)).toEqual({ userId })
    expect(await linksOf('github', first.providerAccountId)).toEqual([{ userId }])
  })

  it('never links one provider account to two users', async () => {
    const a = await createTestOrganization('oauth-a')
    const b = await createTestOrganization('oauth-b')
    const accountId = newAccountId()
    expect(await resolveOAuthUser(google(a.email, true, accountId), meta)).toEqual({ userId: a.userId })
    // The same Google account now claims B's address: the existing link decides, B gains nothing.
    expect(await resolveOAuthUser(google(b.email, true, accountId), meta)).toEqual({ userId: a.userId })
    expect(await linksOf('google', accountId)).toEqual([{ userId: a.userId }])
    expect(await sqlErrorCode(repo.insertOAuthAccount({ userId: b.userId, provider: 'google', providerAccountId: accountId }))).toBe('P2002')
  })

  it('never makes two users or two links from two concurrent first sign-ins of one account', async () => {
    const email = newEmail()
    const identity = github(email)
    await Promise.all([resolveOAuthUser(identity, meta), resolveOAuthUser(identity, meta)])
    // NOTE: the slower one may be refused while the faster one is still creating the organization
    // (GitHub would not even accept one code twice); what must hold is that nothing is duplicated.
    const user = await repo.findUserForSignIn(email)
    expect(await linksOf('github', identity.providerAccountId)).toEqual([{ userId: user?.id }])
    expect(await listMembershipsOfUser(user?.id ?? '', 'test')).toHaveLength(1)
    expect(await resolveOAuthUser(identity, meta)).toEqual({ userId: user?.id })
  })
})

describe('ways to sign in (account page)', () => {
  it('lists the linked providers; removing one ends the link, and only its own user can', async () => {
    const member = await createTestOrganization('methods')
    const stranger = await createTestOrganization('methods-other')
    const identity = google(member.email, true)
    expect(await resolveOAuthUser(identity, meta)).toEqual({ userId: member.userId })
    const methods = await listSignInMethods(member.userId)
    expect(methods.password).toBe(true)
    expect(methods.providers.find((p) => p.id === 'google')).toMatchObject({ name: 'Google', linkedAt: expect.any(String) })

    await expect(unlinkProvider(stranger.userId, 'google')).rejects.toMatchObject({ code: 'users.not_linked', kind: 'not_found' })
    await unlinkProvider(member.userId, 'google')
    expect((await listSignInMethods(member.userId)).providers.find((p) => p.id === 'google')?.linkedAt ?? null).toBeNull()
    expect((await listSecurityEvents(member.userId))[0]).toMatchObject({ action: 'oauth.unlinked', metadata: { provider: 'google' } })
    await expect(unlinkProvider(member.userId, 'myspace')).rejects.toThrow()
  })
})
