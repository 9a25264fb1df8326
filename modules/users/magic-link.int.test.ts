import { randomUUID } from 'node:crypto'
import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'
import { createRedis, getRedis, setRedis } from '@/lib/redis'
import { lastEmailTo, tokenFromEmail } from '@/tests/helpers/outbox'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { createTestOrganization } from '@/tests/helpers/tenants'
import { requestPasswordReset } from './accounts'
import { handlers } from './auth'
import { readCookie, sessionCookieName } from './auth-cookie'
import { consumeMagicLink, MAGIC_LINK_PATH, requestMagicLink } from './magic-link'
import * as repo from './repo'
import { listSecurityEvents } from './security-events'
import { registerUser } from './service'
import { getSessionFromRequest } from './session'

// Each test uses its own IP so the per-IP limit of one test does not spill into the next.
const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
const headersFrom = (ip = randomIp()) => new Headers({ 'x-forwarded-for': ip })
const newEmail = () => `link-${randomUUID()}@test.local`

async function linkFor(email: string): Promise<string> {
  await requestMagicLink(email, headersFrom())
  return tokenFromEmail(email, MAGIC_LINK_PATH)
}

const sql = <T extends Record<string, unknown>>(text: string, values: unknown[]) =>
  withClient(adminUrlForWorkerDb(), async (c) => (await c.query<T>(text, values)).rows)

/** Signs in through Auth.js's own endpoint for the magic-link provider (CSRF and all). */
async function signInThroughAuthJs(token: string): Promise<{ cookie: string; location: string }> {
  const base = 'http://localhost:3000'
  const csrf = await handlers.GET(new NextRequest(`${base}/api/auth/csrf`))
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const jar = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').filter((c) => !c.endsWith('=')).join('; ')
  const response = await handlers.POST(
    new NextRequest(`${base}/api/auth/callback/magic-link`, {
      method: 'POST',
      body: new URLSearchParams({ csrfToken, token, callbackUrl: `${base}/` }),
      headers: { cookie: jar(csrf), 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.77.0.1', 'user-agent': 'vitest' },
    }),
  )
  return { cookie: jar(response), location: response.headers.get('location') ?? '' }
}

describe('requesting a sign-in link', () => {
  it('emails a single-use link to the account that expires after 15 minutes', async () => {
    const member = await createTestOrganization('link')
    const token = await linkFor(member.email)
    expect(token.length).toBeGreaterThanOrEqual(40)
    expect((await lastEmailTo(member.email))?.subject).toBe('Your Tenantkit sign-in link')
    const [row] = await sql<{ purpose: string; minutes: number; plain: number }>(
      `select purpose::text, extract(epoch from "expiresAt" - "createdAt") / 60 as minutes,
              (select count(*) from "AuthToken" where "tokenHash" = $2)::int as plain
         from "AuthToken" where "userId" = $1 order by "createdAt" desc limit 1`,
      [member.userId, token],
    )
    expect(row).toMatchObject({ purpose: 'magic_link', plain: 0 })
    expect(Math.round(Number(row?.minutes))).toBe(15)
  })

  it('answers the same for an address without an account, and sends nothing', async () => {
    const email = newEmail()
    await expect(requestMagicLink(email, headersFrom())).resolves.toBeUndefined()
    expect(await lastEmailTo(email)).toBeUndefined()
  })

  it('limits one address to 3 emails per 15 minutes: the 4th is a 429, account or not', async () => {
    const member = await createTestOrganization('link-limit')
    for (const email of [member.email, newEmail()]) {
      for (let i = 0; i < 3; i++) await requestMagicLink(email, headersFrom())
      const refused = requestMagicLink(email, headersFrom())
      await expect(refused).rejects.toMatchObject({ code: 'rate_limit.exceeded', kind: 'rate_limited' })
      const error = (await refused.catch((e: unknown) => e)) as { headers: Record<string, string> }
      expect(Number(error.headers['Retry-After'])).toBeGreaterThan(0)
    }
  })

  it('limits one IP to 20 requests an hour, whichever addresses it tries', async () => {
    const ip = randomIp()
    for (let i = 0; i < 20; i++) await requestMagicLink(newEmail(), headersFrom(ip))
    await expect(requestMagicLink(newEmail(), headersFrom(ip))).rejects.toMatchObject({ code: 'rate_limit.exceeded', kind: 'rate_limited' })
    await expect(requestMagicLink(newEmail(), headersFrom())).resolves.toBeUndefined()
  })

  it('fails closed when Redis is unreachable: 503 and no email', async () => {
    const member = await createTestOrganization('link-down')
    const previous = getRedis()
    setRedis(createRedis('http://127.0.0.1:9', 'unreachable'))
    try {
      await expect(requestMagicLink(member.email, headersFrom())).rejects.toMatchObject({ code: 'rate_limit.unavailable', kind: 'unavailable' })
    } finally {
      setRedis(previous)
    }
    expect(await lastEmailTo(member.email)).toBeUndefined()
  })
})

describe('using a sign-in link', () => {
  it('works once: the second use says it was used', async () => {
    const member = await createTestOrganization('link-once')
    const token = await linkFor(member.email)
    expect(await consumeMagicLink(token)).toEqual({ user: { id: member.userId, email: member.email, name: expect.any(String) } })
    expect(await consumeMagicLink(token)).toEqual({ error: 'used', userId: member.userId })
  })

  it('a newer link replaces an unused older one', async () => {
    const member = await createTestOrganization('link-newer')
    const older = await linkFor(member.email)
    const newer = await linkFor(member.email)
    expect(await consumeMagicLink(older)).toEqual({ error: 'invalid', userId: null })
    expect(await consumeMagicLink(newer)).toMatchObject({ user: { id: member.userId } })
  })

  it('refuses an expired link and a made-up one', async () => {
    const member = await createTestOrganization('link-expired')
    const token = await linkFor(member.email)
    await sql(`update "AuthToken" set "expiresAt" = now() - interval '1 second' where "userId" = $1 and purpose = 'magic_link'`, [member.userId])
    expect(await consumeMagicLink(token)).toEqual({ error: 'expired', userId: member.userId })
    expect(await consumeMagicLink('x'.repeat(43))).toEqual({ error: 'invalid', userId: null })
  })

  it('does not accept a token issued for another purpose', async () => {
    const member = await createTestOrganization('link-purpose')
    await requestPasswordReset(member.email, headersFrom())
    const resetToken = await tokenFromEmail(member.email, '/reset-password')
    expect(await consumeMagicLink(resetToken)).toEqual({ error: 'invalid', userId: null })
  })

  it('confirms an unconfirmed address (the link proves the inbox) and keeps an earlier confirmation date', async () => {
    const email = newEmail()
    const { user } = await registerUser({ email, name: 'Una', password: 'a-long-enough-password', organizationName: 'Una org' })
    expect((await repo.findUserById(user.id))?.emailVerified).toBeNull()
    expect(await consumeMagicLink(await linkFor(email))).toHaveProperty('user.id', user.id)
    const verifiedAt = (await repo.findUserById(user.id))?.emailVerified
    expect(verifiedAt).toBeInstanceOf(Date)
    await consumeMagicLink(await linkFor(email))
    expect((await repo.findUserById(user.id))?.emailVerified).toEqual(verifiedAt)
  })
})

describe('signing in through Auth.js with a link', () => {
  it('opens a Redis session recorded as a magic-link sign-in; the same link then redirects with an error', async () => {
    const member = await createTestOrganization('link-authjs')
    const token = await linkFor(member.email)
    const first = await signInThroughAuthJs(token)
    const cookie = readCookie(first.cookie, sessionCookieName())
    expect(cookie).toBeTruthy()
    const session = await getSessionFromRequest(new Request('http://localhost/', { headers: { cookie: first.cookie } }))
    expect(session?.record).toMatchObject({ userId: member.userId, tenantSlug: member.slug })
    expect((await listSecurityEvents(member.userId))[0]).toMatchObject({ action: 'sign_in', metadata: { method: 'magic_link' } })

    const again = await signInThroughAuthJs(token)
    expect(again.location).toContain('/sign-in?error=CredentialsSignin&code=magic_link_refused')
    expect(readCookie(again.cookie, sessionCookieName())).toBeFalsy()
    expect((await listSecurityEvents(member.userId))[0]).toMatchObject({ action: 'sign_in.failed', metadata: { method: 'magic_link', reason: 'used' } })
  })
})
