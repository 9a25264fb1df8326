import { expect, test } from '@playwright/test'

// Two `next start` processes on one Postgres and one Redis (e2e/serve.ts starts both): a session
// made on one works on the other, a sign-out on one is seen by the other, and a rate limit counts
// requests to both.

const port = Number(process.env.E2E_PORT ?? 3100)
const A = `http://localhost:${port}`
const B = `http://localhost:${port + 1}`

// Playwright waits for the first instance only.
test.beforeAll(async ({ request }) => {
  await expect.poll(async () => (await request.get(`${B}/api/ready`).catch(() => null))?.status(), { timeout: 60_000 }).toBe(200)
})

function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => !c.endsWith('='))
    .join('; ')
}

/**
 * Signs in through Auth.js's own endpoint on `base` with plain fetch (no cookie jar, so nothing
 * carries over between attempts); returns the Cookie header and where it redirected.
 */
async function credentialsSignIn(base: string, email: string, password: string) {
  const csrf = await fetch(`${base}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const csrfCookie = cookiesFrom(csrf)
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  })
  return { cookie: `${csrfCookie}; ${cookiesFrom(response)}`, location: response.headers.get('location') ?? '' }
}

test('a session made on one instance works on the other, and sign-out on one is seen by the other', async ({ request }) => {
  const { cookie } = await credentialsSignIn(A, 'owner@demo.test', 'demo-password')
  expect(cookie).toContain('authjs.session-token=')
  expect((await request.get(`${B}/api/projects`, { headers: { cookie } })).status()).toBe(200)

  const { csrfToken } = (await (await request.get(`${B}/api/auth/csrf`, { headers: { cookie } })).json()) as { csrfToken: string }
  await request.post(`${B}/api/auth/signout`, { form: { csrfToken }, headers: { cookie }, maxRedirects: 0 })
  expect((await request.get(`${A}/api/projects`, { headers: { cookie } })).status()).toBe(401)
})

test('the sign-in limit counts attempts on both instances, whichever way they come in', async () => {
  const email = `limited-${Date.now()}@test.local`
  for (let attempt = 0; attempt < 5; attempt++) {
    const { location } = await credentialsSignIn(attempt % 2 ? B : A, email, 'wrong-password')
    expect(location).toContain('code=invalid_credentials')
  }
  const { location } = await credentialsSignIn(B, email, 'wrong-password')
  expect(location).toContain('code=rate_limited')
})
