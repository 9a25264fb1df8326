import { randomUUID } from 'node:crypto'
import { NextRequest } from 'next/server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestOrganization } from '@/tests/helpers/tenants'
import { readCookie, sessionCookieName } from './auth-cookie'
import { listSecurityEvents } from './security-events'
import { getSessionFromRequest } from './session'
import { signInErrorMessage } from './sign-in-errors'

// The whole GitHub round trip through Auth.js's own handlers: start, callback, code exchange,
// profile, our signIn callback, jwt(), the Redis session. GitHub itself is a fake behind `fetch`.

// Before the first getEnv() of this file: GitHub sign-in is on here.
Object.assign(process.env, { AUTH_GITHUB_ID: 'gh-test-id', AUTH_GITHUB_SECRET: 'gh-test-secret' })
const { handlers } = await import('./auth')

const base = 'http://localhost:3000'
type FakeGitHub = { user: { id: number; login: string; name: string | null; email: string | null }; emails: unknown[] }
let github: FakeGitHub = { user: { id: 1, login: 'octo', name: null, email: null }, emails: [] }
const realFetch = globalThis.fetch

beforeAll(() => {
  vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url.startsWith('https://github.com/login/oauth/access_token')) {
      return Response.json({ access_token: 'gho_fake', token_type: 'bearer', scope: 'read:user,user:email' })
    }
    if (url === 'https://api.github.com/user') return Response.json(github.user)
    if (url === 'https://api.github.com/user/emails') return Response.json(github.emails)
    return realFetch(input, init)
  })
})
afterAll(() => vi.unstubAllGlobals())

const jar = (...responses: Response[]) =>
  responses
    .flatMap((r) => r.headers.getSetCookie())
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => !c.endsWith('='))
    .join('; ')

/** Clicks "Continue with GitHub", lets the fake GitHub approve, and follows the callback. */
async function signInWithGitHub(callbackQuery = 'code=fake-code'): Promise<{ cookie: string; location: string }> {
  const csrf = await handlers.GET(new NextRequest(`${base}/api/auth/csrf`))
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const start = await handlers.POST(
    new NextRequest(`${base}/api/auth/signin/github`, {
      method: 'POST',
      body: new URLSearchParams({ csrfToken, callbackUrl: `${base}/` }),
      headers: { cookie: jar(csrf), 'content-type': 'application/x-www-form-urlencoded' },
    }),
  )
  expect(start.headers.get('location')).toMatch(/^https:\/\/github\.com\/login\/oauth\/authorize\?/)
  const callback = await handlers.GET(
    new NextRequest(`${base}/api/auth/callback/github?${callbackQuery}`, {
      headers: { cookie: jar(csrf, start), 'x-forwarded-for': '10.66.0.1', 'user-agent': 'vitest-oauth' },
    }),
  )
  return { cookie: jar(callback), location: callback.headers.get('location') ?? '' }
}

const sessionOf = (cookie: string) => getSessionFromRequest(new Request(`${base}/`, { headers: { cookie } }))

describe('GitHub sign-in through Auth.js', () => {
  it('creates the account on first sign-in and opens a Redis session for it', async () => {
    const email = `gh-${randomUUID()}@test.local`
    github = { user: { id: Math.floor(Math.random() * 1e9), login: 'octo', name: 'Octo Cat', email: null }, emails: [{ email, primary: true, verified: true }] }
    const { cookie, location } = await signInWithGitHub()
    expect(new URL(location).pathname).toBe('/')
    const session = await sessionOf(cookie)
    expect(session?.record).toMatchObject({ email, name: 'Octo Cat', role: 'owner' })
    expect((await listSecurityEvents(session?.record.userId ?? ''))[0]).toMatchObject({
      action: 'sign_in',
      ip: '10.66.0.1',
      metadata: { method: 'github' },
    })
  })

  it('signs an existing confirmed account in through the link it makes', async () => {
    const member = await createTestOrganization('gh-link')
    github = { user: { id: Math.floor(Math.random() * 1e9), login: 'member', name: null, email: null }, emails: [{ email: member.email, primary: true, verified: true }] }
    const { cookie } = await signInWithGitHub()
    expect((await sessionOf(cookie))?.record).toMatchObject({ userId: member.userId, tenantSlug: member.slug })
  })

  it('sends an unverified GitHub address back to the sign-in page with a reason, and no session', async () => {
    const member = await createTestOrganization('gh-unverified')
    // The public profile shows the member's address, but GitHub never verified it for this account.
    github = {
      user: { id: Math.floor(Math.random() * 1e9), login: 'impostor', name: null, email: member.email },
      emails: [{ email: member.email, primary: true, verified: false }],
    }
    const { cookie, location } = await signInWithGitHub()
    expect(location).toBe(`${base}/sign-in?error=oauth_email_unverified&provider=github`)
    expect(readCookie(cookie, sessionCookieName())).toBeFalsy()
    expect(signInErrorMessage(Object.fromEntries(new URL(location).searchParams))).toMatch(/^GitHub did not give us a verified email address/)
  })

  it('brings a cancelled authorisation back to the sign-in page as an error it can explain', async () => {
    const { location } = await signInWithGitHub('error=access_denied&error_description=The+user+has+denied+your+application+access.')
    expect(new URL(location).pathname).toBe('/sign-in')
    const message = signInErrorMessage(Object.fromEntries(new URL(location).searchParams))
    expect(message).toMatch(/did not complete/)
  })
})
