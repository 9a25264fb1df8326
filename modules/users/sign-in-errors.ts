import { z } from 'zod'
import { OAUTH_PROVIDER_NAMES, OAuthProviderIdSchema } from './oauth'

// Auth.js ends a refused or failed OAuth sign-in with a redirect to /sign-in?error=<code>: its own
// error types, or ours from the signIn callback (auth.ts). Only these fixed texts are ever shown,
// so a crafted link cannot put words on the page.

const SignInErrorQuerySchema = z.object({
  error: z.string().max(64).optional().catch(undefined),
  provider: OAuthProviderIdSchema.optional().catch(undefined),
})

const OTHER_WAY = 'or sign in with your password or an email link'

/** The message for a sign-in page's `?error=` (and `?provider=`), or null when there is none. */
export function signInErrorMessage(query: unknown): string | null {
  const parsed = SignInErrorQuerySchema.safeParse(query)
  const { error, provider } = parsed.success ? parsed.data : { error: undefined, provider: undefined }
  if (!error) return null
  const name = provider ? OAUTH_PROVIDER_NAMES[provider] : 'The provider'
  switch (error) {
    case 'oauth_email_unverified':
      return `${name} did not give us a verified email address. Verify your primary email address with ${name} and try again, ${OTHER_WAY}.`
    case 'oauth_account_unverified':
      return `An account with this email address exists but has not confirmed the address yet. Sign in with an email link or your password first; ${name} works after that.`
    case 'provider_unavailable':
      return 'That way of signing in is not set up on this server.'
    case 'OAuthCallbackError':
    case 'OAuthSignInError':
    case 'OAuthAccountNotLinked':
      return `The sign-in with GitHub or Google did not complete (it may have been cancelled). Try again, ${OTHER_WAY}.`
    case 'AccessDenied':
      return `That sign-in was refused. Try again, ${OTHER_WAY}.`
    case 'MissingCSRF':
      return 'The sign-in form expired. Please try again.'
    case 'CredentialsSignin':
      return 'That sign-in did not work. Check your details and try again.'
    default:
      return `Sign-in did not work just now. Try again in a minute, ${OTHER_WAY}.`
  }
}
