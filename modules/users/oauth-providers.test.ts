import { describe, expect, it } from 'vitest'
import { parseEnv } from '@/lib/env'
import { githubProfile, listOAuthProviders, oauthProviders } from './oauth-providers'

const none = { AUTH_GITHUB_ID: undefined, AUTH_GITHUB_SECRET: undefined, AUTH_GOOGLE_ID: undefined, AUTH_GOOGLE_SECRET: undefined }
const ids = (providers: ReturnType<typeof oauthProviders>) => providers.map((p) => (typeof p === 'function' ? p() : p).id)

describe('which OAuth providers are on', () => {
  it('none without keys: no provider for Auth.js, no button for the page', () => {
    expect(oauthProviders(none)).toEqual([])
    expect(listOAuthProviders(none)).toEqual([])
  })

  it('each provider only with its own id and secret', () => {
    const github = { ...none, AUTH_GITHUB_ID: 'gh-id', AUTH_GITHUB_SECRET: 'gh-secret' }
    expect(ids(oauthProviders(github))).toEqual(['github'])
    expect(listOAuthProviders(github)).toEqual([{ id: 'github', name: 'GitHub' }])
    const both = { ...github, AUTH_GOOGLE_ID: 'g-id', AUTH_GOOGLE_SECRET: 'g-secret' }
    expect(ids(oauthProviders(both))).toEqual(['github', 'google'])
  })

  it('refuses half a pair at boot, naming the missing key', () => {
    const base = {
      DATABASE_URL: 'postgres://app@localhost/db',
      UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:8079',
      UPSTASH_REDIS_REST_TOKEN: 'token',
      AUTH_SECRET: 'x'.repeat(32),
    }
    expect(() => parseEnv({ ...base, AUTH_GITHUB_ID: 'gh-id' })).toThrow(/AUTH_GITHUB_SECRET is missing: set AUTH_GITHUB_ID and AUTH_GITHUB_SECRET together/)
    expect(() => parseEnv({ ...base, AUTH_GOOGLE_SECRET: 'g-secret' })).toThrow(/AUTH_GOOGLE_ID is missing/)
    expect(parseEnv(base).AUTH_GITHUB_ID).toBeUndefined()
  })
})

/** A stand-in for api.github.com: answers /user and /user/emails, and records what was asked. */
function fakeGitHub(emails: unknown, { status = 200 } = {}) {
  const calls: { url: string; authorization: string | null }[] = []
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input)
    calls.push({ url, authorization: new Headers(init?.headers).get('authorization') })
    const body = url.endsWith('/user/emails') ? emails : { id: 42, login: 'octo', name: 'Octo Cat', email: 'typed-on-profile@example.com' }
    return new Response(JSON.stringify(body), { status: url.endsWith('/user/emails') ? status : 200, headers: { 'content-type': 'application/json' } })
  }) as typeof fetch
  return { fetchImpl, calls }
}

describe("GitHub's profile step", () => {
  it('replaces the profile email with the verified primary address', async () => {
    const github = fakeGitHub([
      { email: 'secondary@example.com', primary: false, verified: true },
      { email: 'primary@example.com', primary: true, verified: true },
    ])
    const profile = await githubProfile('gho_token', github.fetchImpl)
    expect(profile).toMatchObject({ id: '42', login: 'octo', email: 'primary@example.com', email_verified: true })
    expect(github.calls.map((c) => c.url)).toEqual(['https://api.github.com/user', 'https://api.github.com/user/emails'])
    expect(github.calls.every((c) => c.authorization === 'Bearer gho_token')).toBe(true)
  })

  it('gives no email when the primary address is unverified, even if another one is verified', async () => {
    const github = fakeGitHub([
      { email: 'victim@example.com', primary: true, verified: false },
      { email: 'other@example.com', primary: false, verified: true },
    ])
    expect(await githubProfile('gho_token', github.fetchImpl)).toMatchObject({ email: null, email_verified: false })
  })

  it('fails the sign-in when GitHub will not list the addresses, instead of guessing', async () => {
    await expect(githubProfile('gho_token', fakeGitHub({ message: 'Bad credentials' }, { status: 401 }).fetchImpl)).rejects.toThrow(/user\/emails answered 401/)
    await expect(githubProfile(undefined, fakeGitHub([]).fetchImpl)).rejects.toThrow(/no access token/)
  })

  it('is the step Auth.js runs for GitHub', async () => {
    const github = fakeGitHub([{ email: 'primary@example.com', primary: true, verified: true }])
    const [provider] = oauthProviders({ ...none, AUTH_GITHUB_ID: 'gh-id', AUTH_GITHUB_SECRET: 'gh-secret' }, github.fetchImpl)
    const config = (typeof provider === 'function' ? provider() : provider) as { options?: { userinfo?: { request?: (context: unknown) => Promise<unknown> } } }
    expect(await config.options?.userinfo?.request?.({ tokens: { access_token: 'gho_token' } })).toMatchObject({ email: 'primary@example.com', email_verified: true })
  })
})
