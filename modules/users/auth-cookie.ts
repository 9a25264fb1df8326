import 'server-only'
import { decode, encode } from 'next-auth/jwt'
import { getEnv } from '@/lib/env'
import { SESSION_MAX_SECONDS } from './session-store'

// NOTE: Auth.js decides the `__Secure-` prefix per request from the request's protocol (a client can
// send X-Forwarded-Proto); pinning it from APP_URL keeps the name stable for our own reader.
export function useSecureCookies(): boolean {
  return getEnv().APP_URL.startsWith('https://')
}

export function sessionCookieName(): string {
  return `${useSecureCookies() ? '__Secure-' : ''}authjs.session-token`
}

/** Who a session cookie claims to be: its session id and user, both still to be checked in Redis. */
export type SessionPrincipal = { sid: string; userId: string }

// Decrypting the cookie (HKDF + AES-CBC-HMAC) is the costliest CPU step of a signed-in request, and
// a browser sends the same cookie every time. The key is the whole authenticated ciphertext, so a
// hit is a cookie this process already verified; revocation is still checked in Redis every time.
const decoded = new Map<string, { principal: SessionPrincipal; expiresAt: number }>()
const MAX_DECODED = 10_000

/** The principal inside an Auth.js session cookie, or null if it is missing, forged or expired. */
export async function principalFromCookie(value: string | undefined): Promise<SessionPrincipal | null> {
  if (!value) return null
  const hit = decoded.get(value)
  if (hit && hit.expiresAt > Date.now()) return hit.principal
  try {
    const token = await decode({ token: value, secret: getEnv().AUTH_SECRET, salt: sessionCookieName() })
    if (typeof token?.sid !== 'string' || typeof token.uid !== 'string' || typeof token.exp !== 'number') return null
    const principal = { sid: token.sid, userId: token.uid }
    if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value as string)
    decoded.set(value, { principal, expiresAt: token.exp * 1000 })
    return principal
  } catch {
    return null
  }
}

/** An Auth.js-compatible cookie value for a session (what sign-in sets; tests sign in with it). */
export function cookieForSession(principal: SessionPrincipal): Promise<string> {
  return encode({
    token: { sid: principal.sid, uid: principal.userId },
    secret: getEnv().AUTH_SECRET,
    salt: sessionCookieName(),
    maxAge: SESSION_MAX_SECONDS,
  })
}

/** Reads a cookie from a raw Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq !== -1 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}
