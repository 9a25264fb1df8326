import 'server-only'
import NextAuth, { CredentialsSignin } from 'next-auth'
import Credentials from 'next-auth/providers/credentials'
import { z } from 'zod'
import { clientIp } from '@/lib/client-ip'
import { getEnv } from '@/lib/env'
import { moduleLogger } from '@/lib/logger'
import { checkRateLimit } from '@/lib/rate-limit'
import { useSecureCookies } from './auth-cookie'
import { SignInInputSchema, TokenSchema } from './contract'
import { consumeMagicLink, type MagicLinkRefusal } from './magic-link'
import { oauthIdentityFrom, resolveOAuthUser } from './oauth'
import { oauthProviders } from './oauth-providers'
import { verifyPassword } from './password'
import { findUserForSignIn } from './repo'
import { recordSecurityEvent } from './security-events'
import { readSession, revokeSession, SESSION_MAX_SECONDS } from './session-store'
import { openSession, type SignInMethod } from './sign-in-session'

// Auth.js does the sign-in protocols; the session itself is ours, in Redis. The JWT cookie carries
// only a session id (no `sub`: Auth.js would otherwise link OAuth accounts to the cookie's user
// without asking Redis). See docs/decisions/005-sessions-in-redis.md.

declare module 'next-auth' {
  interface User {
    /** How the first factor was proven; openSession() records it. */
    method?: SignInMethod
    ip?: string | null
    userAgent?: string | null
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    sid?: string
    /** The user id, so rate limits can key on it before Redis answers (not `sub`: see above). */
    uid?: string
  }
}

const log = moduleLogger('users.auth')

export class InvalidCredentials extends CredentialsSignin {
  override code = 'invalid_credentials'
}
export class EmailUnverified extends CredentialsSignin {
  override code = 'email_unverified'
}
export class SignInRateLimited extends CredentialsSignin {
  override code = 'rate_limited'
  constructor(readonly retryAfterSeconds: number) {
    super()
  }
}
export class SignInUnavailable extends CredentialsSignin {
  override code = 'unavailable'
}
export class MagicLinkRefused extends CredentialsSignin {
  override code = 'magic_link_refused'
  constructor(readonly reason: MagicLinkRefusal) {
    super()
  }
}

const MagicLinkCredentialsSchema = z.object({ token: TokenSchema })

async function limitSignIn(ip: string, email: string): Promise<void> {
  try {
    const attempt = await checkRateLimit('signIn', `${ip}:${email}`)
    if (!attempt.success) throw new SignInRateLimited(Math.max(1, Math.ceil((attempt.reset - Date.now()) / 1000)))
  } catch (error) {
    if (error instanceof SignInRateLimited) throw error
    throw new SignInUnavailable()
  }
}

export const { handlers, signIn, signOut } = NextAuth((request) => {
  const env = getEnv()
  // Built per request: the OAuth callback learns the caller's IP and browser only from here.
  const meta = { ip: request ? clientIp(request.headers) : null, userAgent: request?.headers.get('user-agent') ?? null }
  // NOTE: Auth.js reads its public URL from AUTH_URL; without it `next start` treats every host as
  // untrusted and silently signs everyone out. APP_URL is the one variable users set.
  process.env.AUTH_URL ??= env.APP_URL
  return {
    secret: env.AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_SECONDS },
    useSecureCookies: useSecureCookies(),
    // Errors too: a refused OAuth sign-in lands on the sign-in page, which says why (sign-in-errors.ts).
    pages: { signIn: '/sign-in', error: '/sign-in' },
    logger: {
      // A refused password is an outcome, not an error: no stack trace for it.
      error: (error) =>
        error instanceof CredentialsSignin ? log.info({ code: error.code }, 'sign-in refused') : log.warn({ err: error }, 'auth error'),
      warn: (code) => log.warn({ code }, 'auth warning'),
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = SignInInputSchema.safeParse(raw)
          if (!parsed.success) throw new InvalidCredentials()
          const ip = clientIp(request.headers)
          const userAgent = request.headers.get('user-agent')
          // Here, not in the form's action: every way in (the form, /api/auth/callback/credentials)
          // passes through authorize(), so none of them skips the limit.
          await limitSignIn(ip, parsed.data.email)
          const user = await findUserForSignIn(parsed.data.email)
          const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password)
          const refuse = async (reason: string, error: CredentialsSignin) => {
            await recordSecurityEvent({ userId: user?.id ?? null, email: parsed.data.email, action: 'sign_in.failed', ip, userAgent, metadata: { reason } })
            return error
          }
          if (!user || !ok) throw await refuse(user ? 'wrong_password' : 'unknown_email', new InvalidCredentials())
          if (!user.emailVerified) throw await refuse('email_unverified', new EmailUnverified())
          return { id: user.id, email: user.email, name: user.name, method: 'password', ip, userAgent }
        },
      }),
      // Email sign-in links (docs/decisions/013-magic-link-sign-in.md): the token is the credential.
      Credentials({
        id: 'magic-link',
        name: 'Email link',
        credentials: { token: {} },
        async authorize(raw, request) {
          const ip = clientIp(request.headers)
          const userAgent = request.headers.get('user-agent')
          const parsed = MagicLinkCredentialsSchema.safeParse(raw)
          const result = parsed.success ? await consumeMagicLink(parsed.data.token) : ({ error: 'invalid', userId: null } as const)
          if ('error' in result) {
            await recordSecurityEvent({ userId: result.userId, action: 'sign_in.failed', ip, userAgent, metadata: { method: 'magic_link', reason: result.error } })
            throw new MagicLinkRefused(result.error)
          }
          return { ...result.user, method: 'magic_link', ip, userAgent }
        },
      }),
      ...oauthProviders(env),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        // Credentials providers decided in authorize(); an OAuth account still has to become one of our users.
        if (account?.type !== 'oauth' && account?.type !== 'oidc') return true
        const identity = oauthIdentityFrom(account.provider, account.providerAccountId, profile)
        if (!identity) return false
        // A failure here is ours, not a refusal: Auth.js would report it as AccessDenied ("refused").
        const resolved = await resolveOAuthUser(identity, meta).catch((error: unknown) => {
          log.error({ err: error, provider: identity.provider }, 'oauth sign-in could not be resolved')
          return null
        })
        if (!resolved) return '/sign-in?error=Configuration'
        if ('error' in resolved) return `/sign-in?${new URLSearchParams({ error: `oauth_${resolved.error}`, provider: identity.provider })}`
        // NOTE: without an adapter Auth.js hands this same object to jwt() below: our user's id
        // replaces the random one it made up, and the method tells jwt() it was resolved here.
        Object.assign(user, { id: resolved.userId, method: identity.provider, ip: meta.ip, userAgent: meta.userAgent })
        return true
      },
      async jwt({ token, user }) {
        if (user) {
          // Every provider above sets `method` once it knows which of our users this is; no method, no session.
          if (!user.id || !user.method) return null
          const sid = await openSession(user.id, { method: user.method, ip: user.ip ?? null, userAgent: user.userAgent ?? null })
          return { sid, uid: user.id }
        }
        // Reached only through Auth.js's own endpoints (/api/auth/session); the app reads sessions
        // with getCurrentSession(). A revoked session must not come back from here either.
        return token.sid && (await readSession(token.sid)) ? token : null
      },
      session({ session }) {
        return session
      },
    },
    events: {
      async signOut(message) {
        if ('token' in message && message.token?.sid) await revokeSession(message.token.sid)
      },
    },
  }
})
