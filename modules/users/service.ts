import 'server-only'
import { AuthError } from 'next-auth'
import { isUniqueViolation, listMembershipsOfUser } from '@/lib/db'
import { EmailUnverified, InvalidCredentials, SignInRateLimited, SignInUnavailable, signIn, signOut } from './auth'
import type { SignInInput, TenantSummaryDto, UserSummaryDto } from './contract'
import { UsersError } from './errors'
import { createOrganization } from './organizations'
import { assertNotBreached } from './breached-password'
import { hashPassword } from './password'
import * as repo from './repo'

/** Signs in with email and password, setting the session cookie. Rate limited per IP and email (in authorize()). */
export async function signInWithPassword(input: SignInInput): Promise<void> {
  try {
    await signIn('credentials', { email: input.email, password: input.password, redirect: false })
  } catch (error) {
    if (error instanceof InvalidCredentials) {
      throw new UsersError('users.invalid_credentials', 'bad_request', 'That email and password do not match an account.')
    }
    if (error instanceof SignInRateLimited) {
      const seconds = String(error.retryAfterSeconds)
      throw new UsersError('users.rate_limited', 'rate_limited', `Too many sign-in attempts. Try again in ${seconds} s.`, { headers: { 'Retry-After': seconds } })
    }
    if (error instanceof SignInUnavailable) {
      throw new UsersError('users.sign_in_unavailable', 'unavailable', 'Sign-in is briefly unavailable. Please try again in a minute.')
    }
    if (error instanceof EmailUnverified) {
      throw new UsersError('users.email_unverified', 'forbidden', 'Confirm your email address first: use the link we sent you, or ask for a new one below.')
    }
    if (error instanceof AuthError) throw new Error(`sign-in failed: ${error.type}`, { cause: error })
    throw error
  }
}

/** Ends the current session: the Redis record goes at once, the cookie is cleared. */
export async function signOutCurrentSession(): Promise<void> {
  await signOut({ redirect: false })
}

export type RegisterUserInput = { email: string; name: string | null; password: string; organizationName: string; emailVerified?: boolean }

/** Creates an account with its first organization (seed, tests, and sign-up). */
export async function registerUser(input: RegisterUserInput): Promise<{ user: UserSummaryDto; organization: TenantSummaryDto }> {
  await assertNotBreached(input.password)
  let user: UserSummaryDto
  try {
    user = await repo.insertUser({
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      emailVerified: input.emailVerified ? new Date() : null,
    })
  } catch (error) {
    if (isUniqueViolation(error, 'email')) {
      throw new UsersError('users.email_taken', 'conflict', 'An account with this email already exists. Sign in instead.')
    }
    throw error
  }
  const organization = await createOrganization(user.id, input.organizationName)
  return { user, organization }
}

/** The organizations a user belongs to, by name. */
export async function listTenantsOfUser(userId: string): Promise<TenantSummaryDto[]> {
  return listMembershipsOfUser(userId, 'list organizations of user')
}

/**
 * Names and emails for a set of users in one query, whatever the size of the set: callers that
 * show "created by" on a list call this once per page, never once per row.
 */
export async function getUserSummaries(ids: readonly string[]): Promise<Map<string, UserSummaryDto>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await repo.findUserSummaries(unique)
  return new Map(rows.map((row) => [row.id, row]))
}
