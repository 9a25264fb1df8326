import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createRedis, getRedis, setRedis } from '@/lib/redis'
import { lastEmailTo, tokenFromEmail } from '@/tests/helpers/outbox'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { createTestOrganization, sessionCookie, TEST_PASSWORD } from '@/tests/helpers/tenants'
import { changePassword, requestPasswordReset, resetPassword, signUp, verifyEmail } from './accounts'
import { verifyPassword } from './password'
import * as repo from './repo'
import { getSessionFromRequest } from './session'

// Each test uses its own IP so the per-IP limits of one test do not spill into the next.
const headersFrom = (ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.1`) =>
  new Headers({ 'x-forwarded-for': ip })
const newEmail = () => `person-${randomUUID()}@test.local`
const signedIn = async (cookie: string) => getSessionFromRequest(new Request('http://localhost/', { headers: { cookie } }))

describe('sign-up with email verification', () => {
  it('creates an unverified account and emails a link that verifies it once', async () => {
    const email = newEmail()
    await signUp({ name: 'Ada', email, password: 'a-long-enough-password' }, headersFrom())
    expect((await repo.findUserForSignIn(email))?.emailVerified).toBeNull()
    const token = await tokenFromEmail(email, '/verify-email')
    expect(await verifyEmail(token)).toEqual({ email })
    expect((await repo.findUserForSignIn(email))?.emailVerified).toBeInstanceOf(Date)
    await expect(verifyEmail(token)).rejects.toMatchObject({ code: 'users.token_used', kind: 'bad_request' })
  })

  it('refuses an expired link and a made-up one', async () => {
    const email = newEmail()
    await signUp({ name: 'Bo', email, password: 'a-long-enough-password' }, headersFrom())
    const token = await tokenFromEmail(email, '/verify-email')
    await withClient(adminUrlForWorkerDb(), (c) =>
      c.query(`update "AuthToken" set "expiresAt" = now() - interval '1 minute' where "userId" = (select id from "User" where email = $1)`, [email]),
    )
    await expect(verifyEmail(token)).rejects.toMatchObject({ code: 'users.token_expired' })
    await expect(verifyEmail('x'.repeat(43))).rejects.toMatchObject({ code: 'users.token_invalid' })
  })

  it('does not reveal that an address is taken: same answer, an email to the owner, no second account', async () => {
    const owner = await createTestOrganization('taken')
    await expect(signUp({ name: 'Eve', email: owner.email, password: 'a-long-enough-password' }, headersFrom())).resolves.toBeUndefined()
    expect((await lastEmailTo(owner.email))?.subject).toBe('You already have a Tenantkit account')
  })

  it('limits emails to one address: the fourth within 15 minutes is a 429 with Retry-After', async () => {
    const email = newEmail()
    await signUp({ name: 'Cy', email, password: 'a-long-enough-password' }, headersFrom())
    await requestPasswordReset(email, headersFrom())
    await requestPasswordReset(email, headersFrom())
    const refused = requestPasswordReset(email, headersFrom())
    await expect(refused).rejects.toMatchObject({ code: 'rate_limit.exceeded', kind: 'rate_limited' })
    const error = (await refused.catch((e: unknown) => e)) as { headers: Record<string, string> }
    expect(Number(error.headers['Retry-After'])).toBeGreaterThan(0)
    expect(error.headers['RateLimit-Remaining']).toBe('0')
  })

  it('fails closed when Redis is unreachable: 503, no account, no email', async () => {
    const previous = getRedis()
    setRedis(createRedis('http://127.0.0.1:9', 'unreachable'))
    const email = newEmail()
    try {
      await expect(signUp({ name: 'Dee', email, password: 'a-long-enough-password' }, headersFrom())).rejects.toMatchObject({
        code: 'rate_limit.unavailable',
        kind: 'unavailable',
      })
    } finally {
      setRedis(previous)
    }
    expect(await repo.findUserForSignIn(email)).toBeNull()
  })
})

describe('password reset and change', () => {
  it('answers the same for an unknown address and sends nothing', async () => {
    const email = newEmail()
    await expect(requestPasswordReset(email, headersFrom())).resolves.toBeUndefined()
    expect(await lastEmailTo(email)).toBeUndefined()
  })

  it('resets with a single-use link and ends every session on the next request', async () => {
    const member = await createTestOrganization('reset')
    const cookie = await sessionCookie(member)
    expect(await signedIn(cookie)).not.toBeNull()
    await requestPasswordReset(member.email, headersFrom())
    const token = await tokenFromEmail(member.email, '/reset-password')
    await resetPassword({ token, password: 'brand-new-password-1' })
    expect(await signedIn(cookie)).toBeNull()
    const user = await repo.findUserForSignIn(member.email)
    expect(await verifyPassword(user?.passwordHash ?? null, 'brand-new-password-1')).toBe(true)
    await expect(resetPassword({ token, password: 'another-password-22' })).rejects.toMatchObject({ code: 'users.token_used' })
  })

  it('changes the password only with the current one, then ends every session', async () => {
    const member = await createTestOrganization('change')
    const cookie = await sessionCookie(member)
    await expect(changePassword(member.userId, { currentPassword: 'wrong', newPassword: 'brand-new-password-2' })).rejects.toMatchObject({
      code: 'users.wrong_password',
    })
    expect(await signedIn(cookie)).not.toBeNull()
    await changePassword(member.userId, { currentPassword: TEST_PASSWORD, newPassword: 'brand-new-password-2' })
    expect(await signedIn(cookie)).toBeNull()
  })
})
