import { randomUUID } from 'node:crypto'
import { NextRequest } from 'next/server'
import { Secret, TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { createTestOrganization, sessionCookie, TEST_PASSWORD, type TestMember } from '@/tests/helpers/tenants'
import { listAuditLog } from './audit-log'
import { handlers } from './auth'
import { readCookie, sessionCookieName } from './auth-cookie'
import { actAsMember, createOrganization } from './organizations'
import { listSecurityEvents } from './security-events'
import { getSessionFromRequest, pendingTwoFactorFromCookie } from './session'
import { updateSession } from './session-store'
import { beginTwoFactorSetup, confirmTwoFactorSetup, disableTwoFactor, getTwoFactorStatus, regenerateRecoveryCodes, verifySecondFactor } from './two-factor'
import { completeTwoFactorSignIn } from './two-factor-challenge'

const meta = { ip: '10.9.9.9', userAgent: 'vitest' }
const codeFor = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 })
const signedIn = (cookie: string) => getSessionFromRequest(new Request('http://localhost/', { headers: { cookie } }))
const cookieValue = (header: string) => readCookie(header, sessionCookieName())

/** Signs in through Auth.js's own credentials endpoint (CSRF and all); returns the Cookie header. */
async function passwordSignIn(email: string, password = TEST_PASSWORD): Promise<{ cookie: string; location: string }> {
  const base = 'http://localhost:3000'
  const csrf = await handlers.GET(new NextRequest(`${base}/api/auth/csrf`))
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const jar = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').filter((c) => !c.endsWith('=')).join('; ')
  const csrfCookie = jar(csrf)
  const response = await handlers.POST(
    new NextRequest(`${base}/api/auth/callback/credentials`, {
      method: 'POST',
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
      headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': meta.ip },
    }),
  )
  return { cookie: jar(response), location: response.headers.get('location') ?? '' }
}

async function enrolled(): Promise<TestMember & { secret: string; recoveryCodes: string[]; cookie: string }> {
  const member = await createTestOrganization('mfa')
  const cookie = await sessionCookie(member)
  const { secret } = await beginTwoFactorSetup(member.userId)
  const current = await signedIn(cookie)
  const { recoveryCodes } = await confirmTwoFactorSetup(member.userId, current!.sid, codeFor(secret))
  return { ...member, secret, recoveryCodes, cookie }
}

describe('enrolment', () => {
  it('turns on only with a code from the app, returns 10 single-use recovery codes, and ends other sessions', async () => {
    const member = await createTestOrganization('mfa')
    const here = await sessionCookie(member)
    const elsewhere = await sessionCookie(member)
    const { secret, uri, qrSvg } = await beginTwoFactorSetup(member.userId)
    expect(uri).toMatch(/^otpauth:\/\/totp\/Tenantkit:.+\?.*secret=/)
    expect(qrSvg).toContain('<svg')
    const sid = (await signedIn(here))!.sid
    await expect(confirmTwoFactorSetup(member.userId, sid, '000000')).rejects.toMatchObject({ code: 'users.invalid_code', kind: 'bad_request' })
    expect((await getTwoFactorStatus(member.userId)).enabled).toBe(false)

    const { recoveryCodes } = await confirmTwoFactorSetup(member.userId, sid, codeFor(secret))
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    expect(await getTwoFactorStatus(member.userId)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 })
    expect(await signedIn(here)).not.toBeNull()
    expect(await signedIn(elsewhere)).toBeNull()
    await expect(beginTwoFactorSetup(member.userId)).rejects.toMatchObject({ code: 'users.two_factor_enabled', kind: 'conflict' })
  })

  it('stores the secret sealed, never in the clear, and recovery codes only as hashes', async () => {
    const member = await enrolled()
    const row = await withClient(adminUrlForWorkerDb(), async (c) => {
      const user = await c.query<{ totpSecret: string }>(`select "totpSecret" from "User" where id = $1`, [member.userId])
      const codes = await c.query<{ codeHash: string }>(`select "codeHash" from "RecoveryCode" where "userId" = $1`, [member.userId])
      return { secret: user.rows[0]!.totpSecret, hashes: codes.rows.map((r) => r.codeHash) }
    })
    expect(row.secret).not.toContain(member.secret)
    expect(row.secret.startsWith('v1.')).toBe(true)
    expect(row.hashes).toHaveLength(10)
    for (const code of member.recoveryCodes) expect(row.hashes.join(' ')).not.toContain(code.replace('-', ''))
  })
})

describe('second factor', () => {
  it('accepts a code once (no replay), the previous step for clock drift, and each recovery code once', async () => {
    const member = await enrolled()
    const next = codeFor(member.secret, -1)
    expect(await verifySecondFactor(member.userId, next)).toBe('totp')
    expect(await verifySecondFactor(member.userId, next)).toBeNull()
    expect(await verifySecondFactor(member.userId, codeFor(member.secret, 5))).toBeNull()
    const [recovery] = member.recoveryCodes
    expect(await verifySecondFactor(member.userId, recovery!.toUpperCase())).toBe('recovery_code')
    expect(await verifySecondFactor(member.userId, recovery!)).toBeNull()
    expect((await getTwoFactorStatus(member.userId)).recoveryCodesLeft).toBe(9)
  })

  it('new recovery codes replace the old ones; turning off needs a code and removes them', async () => {
    const member = await enrolled()
    await expect(regenerateRecoveryCodes(member.userId, 'aaaaa-aaaaa')).rejects.toMatchObject({ code: 'users.invalid_code' })
    const { recoveryCodes } = await regenerateRecoveryCodes(member.userId, member.recoveryCodes[0]!)
    expect(await verifySecondFactor(member.userId, member.recoveryCodes[1]!)).toBeNull()
    await expect(disableTwoFactor(member.userId, '123456')).rejects.toMatchObject({ code: 'users.invalid_code' })
    await disableTwoFactor(member.userId, recoveryCodes[0]!)
    expect(await getTwoFactorStatus(member.userId)).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 })
    const actions = (await listSecurityEvents(member.userId)).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['two_factor.enabled', 'two_factor.recovery_codes_regenerated', 'two_factor.disabled']))
  })
})

describe('sign-in with two-factor on (through Auth.js)', () => {
  it('the password alone opens nothing; the right code swaps in a new full session', async () => {
    const member = await enrolled()
    const { cookie, location } = await passwordSignIn(member.email)
    expect(location).not.toContain('error')
    expect(await signedIn(cookie)).toBeNull()
    const pending = await pendingTwoFactorFromCookie(cookieValue(cookie))
    expect(pending?.record.userId).toBe(member.userId)

    await expect(completeTwoFactorSignIn(cookieValue(cookie), '000000', meta)).rejects.toMatchObject({ code: 'users.invalid_code' })
    // The next step's code: the current one was spent on enrolment, and a spent code is refused.
    const done = await completeTwoFactorSignIn(cookieValue(cookie), codeFor(member.secret, 1), meta)
    expect(done.tenantSlug).toBe(member.slug)
    const full = `${done.cookie.name}=${done.cookie.value}`
    expect((await signedIn(full))?.record.userId).toBe(member.userId)
    // The pending session id is spent: neither a session nor a second attempt.
    expect(await pendingTwoFactorFromCookie(cookieValue(cookie))).toBeNull()
    await expect(completeTwoFactorSignIn(cookieValue(cookie), codeFor(member.secret, -1), meta)).rejects.toMatchObject({ code: 'users.two_factor_expired' })

    const actions = (await listSecurityEvents(member.userId)).map((e) => e.action)
    expect(actions.slice(0, 3)).toEqual(['two_factor.challenge_passed', 'two_factor.challenge_failed', 'sign_in'])
  })

  it('a recovery code also completes sign-in, once', async () => {
    const member = await enrolled()
    const first = await passwordSignIn(member.email)
    await completeTwoFactorSignIn(cookieValue(first.cookie), member.recoveryCodes[3]!, meta)
    const second = await passwordSignIn(member.email)
    await expect(completeTwoFactorSignIn(cookieValue(second.cookie), member.recoveryCodes[3]!, meta)).rejects.toMatchObject({ code: 'users.invalid_code' })
  })

  it('five code attempts in five minutes, then a 429 that ends the attempt; the right code no longer helps', async () => {
    const member = await enrolled()
    const { cookie } = await passwordSignIn(member.email)
    // One attempt of the account's budget went on enrolment; four wrong ones use up the rest.
    for (let i = 0; i < 4; i++) {
      await expect(completeTwoFactorSignIn(cookieValue(cookie), String(100000 + i), meta)).rejects.toMatchObject({ code: 'users.invalid_code' })
    }
    const refused = completeTwoFactorSignIn(cookieValue(cookie), codeFor(member.secret, 1), meta)
    await expect(refused).rejects.toMatchObject({ kind: 'rate_limited' })
    await expect(refused.catch((e: { headers?: Record<string, string> }) => e.headers?.['Retry-After'])).resolves.toMatch(/^\d+$/)
    expect(await pendingTwoFactorFromCookie(cookieValue(cookie))).toBeNull()
  })

  it('a pending sign-in that waited too long is gone', async () => {
    const member = await enrolled()
    const { cookie } = await passwordSignIn(member.email)
    const pending = await pendingTwoFactorFromCookie(cookieValue(cookie))
    await updateSession(pending!.sid, { twoFactorPendingUntil: Date.now() - 1 })
    await expect(completeTwoFactorSignIn(cookieValue(cookie), codeFor(member.secret), meta)).rejects.toMatchObject({ code: 'users.two_factor_expired' })
  })

  it('without two-factor the password opens a full session at once; a wrong password is recorded', async () => {
    const member = await createTestOrganization('plain')
    const refused = await passwordSignIn(member.email, 'not-the-password')
    expect(refused.location).toContain('code=invalid_credentials')
    const { cookie } = await passwordSignIn(member.email)
    expect((await signedIn(cookie))?.record.userId).toBe(member.userId)
    const events = await listSecurityEvents(member.userId)
    expect(events.map((e) => e.action).slice(0, 2)).toEqual(['sign_in', 'sign_in.failed'])
    expect(events[1]).toMatchObject({ ip: meta.ip, metadata: { reason: 'wrong_password' } })
  })

  it("refused sign-ins and two-factor changes also reach the audit log of each of the person's organizations", async () => {
    const member = await enrolled()
    const second = await createOrganization(member.userId, `Second ${randomUUID().slice(0, 8)}`)
    await passwordSignIn(member.email, 'not-the-password')
    for (const ctx of [member.ctx, await actAsMember(member.userId, second.slug)]) {
      const log = await listAuditLog(ctx)
      expect(log.find((e) => e.action === 'member.sign_in.failed')).toMatchObject({ actor: null, target: member.email, ip: meta.ip })
    }
    expect((await listAuditLog(member.ctx)).find((e) => e.action === 'member.two_factor.enabled')).toMatchObject({ actor: member.email, target: member.email })
  })

  it('a refused sign-in for an address with no account is kept by email, with no user', async () => {
    const email = `nobody-${randomUUID()}@test.local`
    await passwordSignIn(email, 'whatever-password')
    const rows = await withClient(adminUrlForWorkerDb(), (c) => c.query(`select "userId", action from "SecurityEvent" where email = $1`, [email]))
    expect(rows.rows).toEqual([{ userId: null, action: 'sign_in.failed' }])
  })
})
