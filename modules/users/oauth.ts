import 'server-only'
import { z } from 'zod'
import { isUniqueViolation } from '@/lib/db'
import { getEnv } from '@/lib/env'
import { moduleLogger } from '@/lib/logger'
import { sendEmail } from '@/lib/mailer'
import { EmailSchema } from './contract'
import { createOrganization } from './organizations'
import * as repo from './repo'
import { recordSecurityEvent } from './security-events'

// Which of our users a GitHub or Google sign-in is (docs/decisions/014-oauth-without-adapter.md).
// Auth.js proves the provider account; these rules decide whether it may reach an account of ours.
// An email address alone proves nothing: anyone can put any address on a GitHub profile, so only
// an address the provider says it verified may link to an existing account or create one.

export const OAuthProviderIdSchema = z.enum(['github', 'google'], { error: 'Choose GitHub or Google.' })
export type OAuthProviderId = z.infer<typeof OAuthProviderIdSchema>

export const OAUTH_PROVIDER_NAMES: Record<OAuthProviderId, string> = { github: 'GitHub', google: 'Google' }

/** What a provider told us about a person, reduced to what the linking rules need. */
export type OAuthIdentity = {
  provider: OAuthProviderId
  providerAccountId: string
  email: string | null
  emailVerified: boolean
  name: string | null
}

// Google's ID token carries `email_verified`; for GitHub our userinfo step sets both fields from
// the verified primary address only (oauth-providers.ts). Anything else in the profile is ignored.
const ProfileSchema = z.looseObject({
  email: z.string().nullish(),
  email_verified: z.boolean().nullish(),
  name: z.string().nullish(),
  login: z.string().nullish(),
})

/** Reads a provider profile; null when it is not one of our providers or not a profile at all. */
export function oauthIdentityFrom(provider: string, providerAccountId: string, profile: unknown): OAuthIdentity | null {
  const id = OAuthProviderIdSchema.safeParse(provider)
  const parsed = ProfileSchema.safeParse(profile)
  if (!id.success || !parsed.success || providerAccountId.length === 0) return null
  const email = EmailSchema.safeParse(parsed.data.email)
  return {
    provider: id.data,
    providerAccountId,
    email: email.success ? email.data : null,
    emailVerified: email.success && parsed.data.email_verified === true,
    name: (parsed.data.name ?? parsed.data.login ?? null)?.trim().slice(0, 100) || null,
  }
}

export type OAuthRefusal = 'email_unverified' | 'account_unverified'
export type OAuthResolution = { userId: string } | { error: OAuthRefusal }
type RequestMeta = { ip: string | null; userAgent: string | null }

const log = moduleLogger('users.oauth')

/**
 * The user a provider account signs in as: the one it is linked to; else the existing account with
 * the same verified address (linked now, only if that account confirmed its address too); else a
 * new account with its own organization. Refusals say why, for the sign-in page.
 */
export async function resolveOAuthUser(identity: OAuthIdentity, meta: RequestMeta): Promise<OAuthResolution> {
  const linked = await repo.findOAuthAccount(identity.provider, identity.providerAccountId)
  const resolved = linked ? { userId: linked.userId } : await linkByEmail(identity, meta)
  if ('error' in resolved) return refuse(identity, null, resolved.error, meta)
  return resolved
}

async function linkByEmail(identity: OAuthIdentity, meta: RequestMeta, retried = false): Promise<OAuthResolution> {
  if (!identity.email || !identity.emailVerified) return { error: 'email_unverified' }
  const existing = await repo.findUserForSignIn(identity.email)
  if (existing) {
    // NOTE: an unconfirmed account may have been opened by someone who typed this address without
    // owning it. Linking would let them in through the owner's GitHub; they must confirm it first.
    if (!existing.emailVerified) return { error: 'account_unverified' }
    return link(existing.id, identity, meta, false)
  }
  const created = await createUser(identity.email, identity.name)
  if (!created) {
    if (retried) throw new Error('oauth sign-in: the address is taken, yet no account has it')
    // Lost a race with a concurrent first sign-in for the same address: that account exists now.
    return linkByEmail(identity, meta, true)
  }
  return link(created.id, identity, meta, true)
}

async function createUser(email: string, name: string | null): Promise<{ id: string } | null> {
  let user: { id: string }
  try {
    // The provider verified the address, which is all our own confirmation email would prove.
    user = await repo.insertUser({ email, name, passwordHash: null, emailVerified: new Date() })
  } catch (error) {
    if (isUniqueViolation(error, 'email')) return null
    throw error
  }
  const owner = name ?? email.split('@')[0] ?? 'My'
  await createOrganization(user.id, `${owner.slice(0, 40)}'s workspace`)
  return user
}

async function link(userId: string, identity: OAuthIdentity, meta: RequestMeta, newUser: boolean): Promise<OAuthResolution> {
  try {
    await repo.insertOAuthAccount({ userId, provider: identity.provider, providerAccountId: identity.providerAccountId })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    // The same provider account was linked by a concurrent sign-in: the first link wins, always.
    const winner = await repo.findOAuthAccount(identity.provider, identity.providerAccountId)
    if (!winner) throw error
    return { userId: winner.userId }
  }
  const provider = OAUTH_PROVIDER_NAMES[identity.provider]
  await recordSecurityEvent({ userId, action: 'oauth.linked', ip: meta.ip, userAgent: meta.userAgent, metadata: { provider: identity.provider, newUser } })
  log.info({ userId, provider: identity.provider, newUser }, 'oauth account linked')
  // An existing account gains a new way in: its owner hears about it, as with a password change.
  if (!newUser && identity.email) {
    await sendEmail({
      to: identity.email,
      subject: `${provider} sign-in added to your Tenantkit account`,
      text: `You can now sign in to Tenantkit with ${provider}. If this was not you, sign in at ${getEnv().APP_URL}/sign-in, change your password and check your account's security history.`,
    })
  }
  return { userId }
}

async function refuse(identity: OAuthIdentity, userId: string | null, reason: OAuthRefusal, meta: RequestMeta): Promise<OAuthResolution> {
  await recordSecurityEvent({
    userId,
    email: identity.email,
    action: 'sign_in.failed',
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { method: identity.provider, reason },
  })
  return { error: reason }
}
