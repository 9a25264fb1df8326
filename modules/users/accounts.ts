import 'server-only'
import { clientIp } from '@/lib/client-ip'
import { getEnv } from '@/lib/env'
import { moduleLogger } from '@/lib/logger'
import { sendEmail } from '@/lib/mailer'
import { assertAllowed, checkRateLimit } from '@/lib/rate-limit'
import type { ChangePasswordInput, ResetPasswordInput, SignUpInput } from './contract'
import { UsersError } from './errors'
import { assertNotBreached } from './breached-password'
import { hashPassword, verifyPassword } from './password'
import * as repo from './repo'
import { registerUser } from './service'
import { revokeAllSessions } from './session-store'
import { consumeToken, issueToken, TOKEN_TTL_MINUTES, type TokenPurpose } from './tokens'

// Account flows that go through email: sign-up with verification, password reset, and password
// change. Answers never reveal whether an address has an account.

const log = moduleLogger('users.accounts')

const link = (path: string, token: string) => `${getEnv().APP_URL}${path}?token=${encodeURIComponent(token)}`

async function limitEmails(headers: Headers, ipPolicy: 'signUpPerIp' | 'passwordResetPerIp', email: string): Promise<void> {
  assertAllowed(await checkRateLimit(ipPolicy, clientIp(headers)), 'Too many requests from your network.')
  assertAllowed(await checkRateLimit('emailPerAddress', email), 'We just sent an email to this address.')
}

async function sendVerification(userId: string, email: string): Promise<void> {
  const token = await issueToken(userId, 'verify_email')
  await sendEmail({
    to: email,
    subject: 'Confirm your email for Tenantkit',
    text: `Confirm your email address: ${link('/verify-email', token)}\n\nThe link works once, for ${TOKEN_TTL_MINUTES.verify_email / 60} hours.`,
  })
}

/**
 * Creates the account and its first organization, and emails a confirmation link. An address that
 * already has an account gets an email saying so instead: the answer here is the same either way.
 */
export async function signUp(input: SignUpInput, headers: Headers): Promise<void> {
  await limitEmails(headers, 'signUpPerIp', input.email)
  try {
    const { user } = await registerUser({
      email: input.email,
      name: input.name,
      password: input.password,
      organizationName: input.organizationName ?? `${input.name}'s workspace`,
    })
    await sendVerification(user.id, user.email)
    log.info({ userId: user.id }, 'signed up')
  } catch (error) {
    if (!(error instanceof UsersError && error.code === 'users.email_taken')) throw error
    await sendEmail({
      to: input.email,
      subject: 'You already have a Tenantkit account',
      text: `Someone (hopefully you) tried to sign up with this address. Sign in at ${getEnv().APP_URL}/sign-in, or reset your password at ${getEnv().APP_URL}/forgot-password.`,
    })
  }
}

/** Sends a new confirmation link to an unverified account (same answer for any address). */
export async function resendVerification(email: string, headers: Headers): Promise<void> {
  await limitEmails(headers, 'signUpPerIp', email)
  const user = await repo.findUserForSignIn(email)
  if (user && !user.emailVerified) await sendVerification(user.id, user.email)
}

const TOKEN_ERRORS = {
  invalid: ['users.token_invalid', 'This link is not valid. Request a new one.'],
  expired: ['users.token_expired', 'This link has expired. Request a new one.'],
  used: ['users.token_used', 'This link was already used. Request a new one if you still need it.'],
} as const

async function useToken(token: string, purpose: TokenPurpose): Promise<string> {
  const result = await consumeToken(token, purpose)
  if ('userId' in result) return result.userId
  const [code, message] = TOKEN_ERRORS[result.error]
  throw new UsersError(code, 'bad_request', message)
}

/** Confirms the email address behind a verification link. */
export async function verifyEmail(token: string): Promise<{ email: string }> {
  const user = await repo.markEmailVerified(await useToken(token, 'verify_email'))
  return { email: user.email }
}

/** Emails a reset link if the address has an account; the answer is the same either way. */
export async function requestPasswordReset(email: string, headers: Headers): Promise<void> {
  await limitEmails(headers, 'passwordResetPerIp', email)
  const user = await repo.findUserForSignIn(email)
  if (!user) return
  const token = await issueToken(user.id, 'reset_password')
  await sendEmail({
    to: user.email,
    subject: 'Reset your Tenantkit password',
    text: `Choose a new password: ${link('/reset-password', token)}\n\nThe link works once, for ${TOKEN_TTL_MINUTES.reset_password} minutes. If you did not ask for this, ignore this email.`,
  })
}

/** Sets a new password from a reset link and signs the account out everywhere. */
export async function resetPassword(input: ResetPasswordInput): Promise<void> {
  // Before the token is spent: a refused password must leave the link usable for a better one.
  await assertNotBreached(input.password)
  const userId = await useToken(input.token, 'reset_password')
  await repo.updateUserPassword(userId, await hashPassword(input.password))
  // The link proves control of the address, as the verification link would.
  await repo.markEmailVerified(userId)
  await revokeAllSessions(userId)
  log.info({ userId }, 'password reset; all sessions revoked')
}

/** Changes the password after checking the current one; every session ends, this one included. */
export async function changePassword(userId: string, input: ChangePasswordInput): Promise<void> {
  const user = await repo.findUserById(userId)
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new UsersError('users.wrong_password', 'bad_request', 'The current password is not right.')
  }
  await assertNotBreached(input.newPassword)
  await repo.updateUserPassword(userId, await hashPassword(input.newPassword))
  await revokeAllSessions(userId)
  log.info({ userId }, 'password changed; all sessions revoked')
}
