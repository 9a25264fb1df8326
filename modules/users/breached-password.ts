import 'server-only'
import { createHash } from 'node:crypto'
import { getEnv } from '@/lib/env'
import { moduleLogger } from '@/lib/logger'
import { UsersError } from './errors'

// NIST 800-63B asks to refuse passwords known from breaches. The Pwned Passwords range API gets only
// the first 5 hex characters of the password's SHA-1 (k-anonymity) and answers with every suffix in
// that range; the comparison happens here. Padding hides even the size of the answer.

const log = moduleLogger('users.breached-password')
const TIMEOUT_MS = 1_500

export type BreachCheck = { enabled: boolean; url: string }

function fromEnv(): BreachCheck {
  const env = getEnv()
  return { enabled: (env.PASSWORD_BREACH_CHECK ?? (env.NODE_ENV === 'production' ? 'hibp' : 'off')) === 'hibp', url: env.PWNED_PASSWORDS_URL }
}

/** How often the password appears in known breaches; null when the check is off or did not answer. */
export async function breachCount(password: string, check: BreachCheck = fromEnv()): Promise<number | null> {
  if (!check.enabled) return null
  const sha1 = createHash('sha1').update(password).digest('hex').toUpperCase()
  const prefix = sha1.slice(0, 5)
  const suffix = sha1.slice(5)
  try {
    const response = await fetch(`${check.url}/range/${prefix}`, {
      headers: { 'Add-Padding': 'true', 'User-Agent': 'tenantkit' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    if (!response.ok) throw new Error(`range API answered ${response.status}`)
    for (const line of (await response.text()).split('\n')) {
      const [candidate, count] = line.trim().split(':')
      if (candidate === suffix) return Number(count) || 0
    }
    return 0
  } catch (error) {
    // Fail open: an outage of a third-party API must not stop sign-ups; the length rule still holds.
    log.warn({ err: error }, 'breached-password check unavailable; password accepted')
    return null
  }
}

/** Throws a 400 naming the problem when the password is known from breaches. */
export async function assertNotBreached(password: string, check?: BreachCheck): Promise<void> {
  const count = await breachCount(password, check)
  if (count && count > 0) {
    throw new UsersError(
      'users.password_breached',
      'bad_request',
      'This password appears in known data breaches (haveibeenpwned.com), so attackers try it first. Choose a different one.',
    )
  }
}
