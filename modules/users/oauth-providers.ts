import 'server-only'
import type { Profile } from 'next-auth'
import type { Provider } from 'next-auth/providers'
import GitHub from 'next-auth/providers/github'
import Google from 'next-auth/providers/google'
import { z } from 'zod'
import { getEnv, type ServerEnv } from '@/lib/env'
import { OAUTH_PROVIDER_NAMES, type OAuthProviderId } from './oauth'

// The OAuth providers Auth.js runs, each present only when its keys are set (lib/env.ts checks
// that they come in pairs). No adapter: oauth.ts maps the provider account to one of our users.

type OAuthEnv = Pick<ServerEnv, 'AUTH_GITHUB_ID' | 'AUTH_GITHUB_SECRET' | 'AUTH_GOOGLE_ID' | 'AUTH_GOOGLE_SECRET'>

const GITHUB_API = 'https://api.github.com'

/** The providers with their keys set, for the sign-in page's buttons. */
export function listOAuthProviders(env: OAuthEnv = getEnv()): { id: OAuthProviderId; name: string }[] {
  const ids: OAuthProviderId[] = []
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) ids.push('github')
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) ids.push('google')
  return ids.map((id) => ({ id, name: OAUTH_PROVIDER_NAMES[id] }))
}

/** Auth.js provider configs for the providers that are on; none without keys. */
export function oauthProviders(env: OAuthEnv, fetchImpl: typeof fetch = fetch): Provider[] {
  const providers: Provider[] = []
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(
      GitHub({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        // Auth.js takes the public profile email (any address the user typed) or the first one
        // listed, verified or not. Replace it with the verified primary address, or none.
        userinfo: { url: `${GITHUB_API}/user`, request: ({ tokens }: { tokens: { access_token?: string } }) => githubProfile(tokens.access_token, fetchImpl) },
      }),
    )
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    // OIDC: the profile is the ID token's claims, `email_verified` included; oauth.ts checks it.
    providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }))
  }
  return providers
}

const GitHubUserSchema = z.looseObject({ id: z.number(), login: z.string(), name: z.string().nullish(), avatar_url: z.string().nullish() })
const GitHubEmailsSchema = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }))

const githubHeaders = (accessToken: string) => ({
  Authorization: `Bearer ${accessToken}`,
  Accept: 'application/vnd.github+json',
  'User-Agent': 'tenantkit',
})

async function githubJson(path: string, accessToken: string, fetchImpl: typeof fetch): Promise<unknown> {
  const response = await fetchImpl(`${GITHUB_API}${path}`, { headers: githubHeaders(accessToken) })
  // A failed call is GitHub's outage, not the user's unverified address: fail the sign-in, say nothing about the email.
  if (!response.ok) throw new Error(`GitHub ${path} answered ${response.status}`)
  return response.json()
}

/** GitHub's profile with `email` set to the verified primary address (or null) and `email_verified` saying which. */
export async function githubProfile(accessToken: string | undefined, fetchImpl: typeof fetch = fetch): Promise<Profile> {
  if (!accessToken) throw new Error('GitHub returned no access token')
  const [user, emails] = await Promise.all([
    githubJson('/user', accessToken, fetchImpl).then((body) => GitHubUserSchema.parse(body)),
    githubJson('/user/emails', accessToken, fetchImpl).then((body) => GitHubEmailsSchema.parse(body)),
  ])
  const primary = emails.find((entry) => entry.primary && entry.verified)
  return { ...user, id: String(user.id), email: primary?.email ?? null, email_verified: Boolean(primary) }
}
