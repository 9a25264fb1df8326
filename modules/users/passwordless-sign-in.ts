import 'server-only'
import { AuthError } from 'next-auth'
import type { ErrorKind } from '@/lib/errors'
import { MagicLinkRefused, signIn } from './auth'
import { UsersError, type UsersErrorCode } from './errors'
import type { MagicLinkRefusal } from './magic-link'
import { OAUTH_PROVIDER_NAMES, type OAuthProviderId } from './oauth'
import { listOAuthProviders } from './oauth-providers'
import { TOKEN_TTL_MINUTES } from './tokens'

// Sign-in without a password: an emailed link, or GitHub/Google. Auth.js runs both (auth.ts);
// these turn its outcomes into the module's errors, as signInWithPassword does for passwords.

const ASK_AGAIN = 'Ask for a new one below.'
const MAGIC_LINK_REFUSALS: Record<MagicLinkRefusal, [UsersErrorCode, ErrorKind, string]> = {
  invalid: ['users.token_invalid', 'bad_request', `This sign-in link is not valid. ${ASK_AGAIN}`],
  expired: ['users.token_expired', 'bad_request', `This sign-in link has expired: links work for ${TOKEN_TTL_MINUTES.magic_link} minutes. ${ASK_AGAIN}`],
  used: ['users.token_used', 'bad_request', `This sign-in link was already used. ${ASK_AGAIN}`],
}

/** Signs in with the token of an emailed link, setting the session cookie. The link works once. */
export async function signInWithMagicLink(token: string): Promise<void> {
  try {
    // redirectTo: without it Auth.js uses the Referer, which is the page that carries the token.
    await signIn('magic-link', { token, redirect: false, redirectTo: '/' })
  } catch (error) {
    if (error instanceof MagicLinkRefused) {
      const [code, kind, message] = MAGIC_LINK_REFUSALS[error.reason]
      throw new UsersError(code, kind, message)
    }
    if (error instanceof AuthError) throw new Error(`magic-link sign-in failed: ${error.type}`, { cause: error })
    throw error
  }
}

/** Sends the browser to GitHub or Google (a redirect thrown by Auth.js); 404 when that provider is off. */
export async function startOAuthSignIn(provider: OAuthProviderId): Promise<void> {
  if (!listOAuthProviders().some((enabled) => enabled.id === provider)) {
    throw new UsersError('users.provider_unavailable', 'not_found', `Sign-in with ${OAUTH_PROVIDER_NAMES[provider]} is not set up on this server.`)
  }
  await signIn(provider, { redirectTo: '/' })
}
