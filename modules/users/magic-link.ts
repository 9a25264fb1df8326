import 'server-only'
import { clientIp } from '@/lib/client-ip'
import { getEnv } from '@/lib/env'
import { sendEmail } from '@/lib/mailer'
import { assertAllowed, checkRateLimit } from '@/lib/rate-limit'
import * as repo from './repo'
import { consumeToken, issueToken, TOKEN_TTL_MINUTES } from './tokens'

// Sign-in by a link sent to the account's address (docs/decisions/013-magic-link-sign-in.md).
// The link is one of our single-use AuthTokens; Auth.js only sees it in the 'magic-link'
// Credentials provider, whose authorize() calls consumeMagicLink().

/** Where the emailed link points: a page with a button, so a mail scanner's GET uses nothing up. */
export const MAGIC_LINK_PATH = '/sign-in/magic-link'

/**
 * Emails a sign-in link when the address has an account. The answer (and the rate limits, applied
 * before the lookup) are the same whether it does or not, so the form reveals no accounts.
 */
export async function requestMagicLink(email: string, headers: Headers): Promise<void> {
  assertAllowed(await checkRateLimit('magicLinkPerIp', clientIp(headers)), 'Too many sign-in links requested from your network.')
  assertAllowed(await checkRateLimit('emailPerAddress', email), 'We just sent an email to this address.')
  const user = await repo.findUserForSignIn(email)
  if (!user) return
  const token = await issueToken(user.id, 'magic_link')
  const link = `${getEnv().APP_URL}${MAGIC_LINK_PATH}?token=${encodeURIComponent(token)}`
  await sendEmail({
    to: user.email,
    subject: 'Your Tenantkit sign-in link',
    text: `Sign in to Tenantkit: ${link}\n\nThe link works once, for ${TOKEN_TTL_MINUTES.magic_link} minutes. If you did not ask for it, ignore this email: nobody can use it without access to your inbox.`,
  })
}

export type MagicLinkRefusal = 'invalid' | 'expired' | 'used'
export type ConsumedMagicLink = { user: { id: string; email: string; name: string | null } } | { error: MagicLinkRefusal; userId: string | null }

/**
 * Uses up a sign-in link. Opening it proves control of the inbox, so the address counts as
 * verified from now on (an account that never confirmed its sign-up email is confirmed here).
 */
export async function consumeMagicLink(token: string): Promise<ConsumedMagicLink> {
  const consumed = await consumeToken(token, 'magic_link')
  if ('error' in consumed) return { error: consumed.error, userId: consumed.ownerId }
  await repo.markEmailVerifiedIfUnset(consumed.userId)
  const user = await repo.findUserById(consumed.userId)
  // NOTE: the user row cannot be missing (tokens cascade with their user); treat it as a bad link anyway.
  if (!user) return { error: 'invalid', userId: null }
  return { user: { id: user.id, email: user.email, name: user.name } }
}
