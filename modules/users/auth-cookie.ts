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

/** The session id inside an Auth.js session cookie, or null if it is missing, forged or expired. */
export async function sidFromCookie(value: string | undefined): Promise<string | null> {
  if (!value) return null
  try {
    const token = await decode({ token: value, secret: getEnv().AUTH_SECRET, salt: sessionCookieName() })
    return typeof token?.sid === 'string' ? token.sid : null
  } catch {
    return null
  }
}

/** An Auth.js-compatible cookie value for `sid` (tests and the e2e harness sign in with it). */
export function cookieForSid(sid: string): Promise<string> {
  return encode({ token: { sid }, secret: getEnv().AUTH_SECRET, salt: sessionCookieName(), maxAge: SESSION_MAX_SECONDS })
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
