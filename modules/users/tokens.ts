import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import * as repo from './repo'

// Single-use tokens sent by email. The email carries the random token; the database keeps its
// sha256, so a database leak yields no usable link. Consuming is one conditional UPDATE: two
// concurrent uses cannot both succeed.

export type TokenPurpose = 'verify_email' | 'reset_password' | 'magic_link'

// A sign-in link opens the account outright, so it lives only as long as it takes to switch to the inbox.
export const TOKEN_TTL_MINUTES: Record<TokenPurpose, number> = { verify_email: 24 * 60, reset_password: 30, magic_link: 15 }

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export async function issueToken(userId: string, purpose: TokenPurpose): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MINUTES[purpose] * 60_000)
  // Only the newest link of a kind works: an older one still sitting in an inbox (or a forwarded
  // copy) stops working the moment a new one is asked for.
  await repo.deleteUnusedAuthTokens(userId, purpose)
  await repo.insertAuthToken({ userId, purpose, tokenHash: hashToken(token), expiresAt })
  return token
}

/** `ownerId`: whose token it was, when it exists (a reused sign-in link belongs in that person's history). */
export type ConsumedToken = { userId: string } | { error: 'invalid' | 'expired' | 'used'; ownerId: string | null }

/** Marks the token used and returns its user, or says why it cannot be used. */
export async function consumeToken(token: string, purpose: TokenPurpose): Promise<ConsumedToken> {
  const tokenHash = hashToken(token)
  const used = await repo.useAuthToken(tokenHash, purpose)
  if (used) return { userId: used.userId }
  const existing = await repo.findAuthToken(tokenHash, purpose)
  if (!existing) return { error: 'invalid', ownerId: null }
  return { error: existing.usedAt ? 'used' : 'expired', ownerId: existing.userId }
}
