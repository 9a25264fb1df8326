import 'server-only'
import { createHash, randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import { renderSVG } from 'uqr'
import { assertAllowed, checkRateLimit } from '@/lib/rate-limit'
import { getRedis } from '@/lib/redis'
import type { TwoFactorSetupDto, TwoFactorStatusDto } from './contract'
import { UsersError } from './errors'
import { openSecret, sealSecret } from './mfa-secret'
import * as repo from './repo'
import { recordSecurityEvent } from './security-events'
import { revokeOtherSessions } from './session-store'

// TOTP two-factor (RFC 6238, 30 s steps, 6 digits, SHA-1: what every authenticator app supports)
// with single-use recovery codes. Design and threat model: docs/decisions/020-two-factor-and-security-events.md.

const ISSUER = 'Tenantkit'
const RECOVERY_CODE_COUNT = 10
// Crockford-style alphabet without look-alikes (0/o, 1/l/i): codes are read off paper.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'


const invalidCode = () =>
  new UsersError('users.invalid_code', 'bad_request', 'That code is not valid. Enter the 6-digit code your authenticator app shows now, or a recovery code.')

function totp(secretBase32: string, email: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) })
}

const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '')
const hashRecoveryCode = (code: string) => createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex')

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)])
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
  })
}

export async function getTwoFactorStatus(userId: string): Promise<TwoFactorStatusDto> {
  const user = await repo.findTwoFactor(userId)
  return {
    enabled: Boolean(user?.totpEnabledAt),
    enabledAt: user?.totpEnabledAt?.toISOString() ?? null,
    recoveryCodesLeft: user?.totpEnabledAt ? user._count.recoveryCodes : 0,
  }
}

/** Starts enrolment: a fresh secret, kept sealed until the user proves their app has it. */
export async function beginTwoFactorSetup(userId: string): Promise<TwoFactorSetupDto> {
  const user = await repo.findTwoFactor(userId)
  if (!user) throw new UsersError('users.unauthenticated', 'unauthorized', 'Sign in to continue.')
  const secret = new Secret({ size: 20 }).base32
  if (!(await repo.setPendingTotpSecret(userId, sealSecret(secret)))) {
    throw new UsersError('users.two_factor_enabled', 'conflict', 'Two-factor authentication is already on. Turn it off first to move it to another app.')
  }
  const uri = totp(secret, user.email).toString()
  return { secret, uri, qrSvg: renderSVG(uri, { border: 2 }) }
}

/**
 * Finishes enrolment with a code from the app; returns the recovery codes, shown this once. Other
 * sessions end: whoever else was signed in did not pass the new second factor.
 */
export async function confirmTwoFactorSetup(userId: string, currentSid: string, code: string): Promise<{ recoveryCodes: string[] }> {
  const user = await repo.findTwoFactor(userId)
  if (!user) throw new UsersError('users.unauthenticated', 'unauthorized', 'Sign in to continue.')
  if (user.totpEnabledAt) throw new UsersError('users.two_factor_enabled', 'conflict', 'Two-factor authentication is already on.')
  const secret = user.totpSecret ? openSecret(user.totpSecret) : null
  await limitCodeAttempts(userId)
  if (!secret) throw new UsersError('users.two_factor_not_started', 'conflict', 'Start the setup again: scan the new QR code, then enter its code.')
  if (!(await acceptTotp(userId, secret, user.email, code))) throw invalidCode()
  const recoveryCodes = newRecoveryCodes()
  await repo.enableTotp(userId, recoveryCodes.map(hashRecoveryCode))
  await revokeOtherSessions(userId, currentSid)
  await recordSecurityEvent({ userId, action: 'two_factor.enabled' })
  return { recoveryCodes }
}

/** Turns two-factor off; needs a current code (or a recovery code), so a stolen session alone cannot. */
export async function disableTwoFactor(userId: string, code: string): Promise<void> {
  await limitCodeAttempts(userId)
  if (!(await verifySecondFactor(userId, code))) throw invalidCode()
  await repo.disableTotp(userId)
  await recordSecurityEvent({ userId, action: 'two_factor.disabled' })
}

/** New recovery codes (the old ones stop working); needs a current code. */
export async function regenerateRecoveryCodes(userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
  await limitCodeAttempts(userId)
  if (!(await verifySecondFactor(userId, code))) throw invalidCode()
  const recoveryCodes = newRecoveryCodes()
  await repo.replaceRecoveryCodes(userId, recoveryCodes.map(hashRecoveryCode))
  await recordSecurityEvent({ userId, action: 'two_factor.recovery_codes_regenerated' })
  return { recoveryCodes }
}

/**
 * Checks a second factor of a user with two-factor on: a 6-digit TOTP code (each accepted once) or
 * an unused recovery code (used up by this call). Null when neither matches.
 */
export async function verifySecondFactor(userId: string, code: string): Promise<'totp' | 'recovery_code' | null> {
  const user = await repo.findTwoFactor(userId)
  if (!user?.totpEnabledAt || !user.totpSecret) return null
  const digits = code.replace(/\s/g, '')
  if (/^\d{6}$/.test(digits)) {
    const secret = openSecret(user.totpSecret)
    return secret && (await acceptTotp(userId, secret, user.email, digits)) ? 'totp' : null
  }
  if (normalizeRecoveryCode(code).length !== 10) return null
  return (await repo.useRecoveryCode(userId, hashRecoveryCode(code))) ? 'recovery_code' : null
}

// Six digits are guessable in bulk: every place that takes a code shares one per-account budget.
async function limitCodeAttempts(userId: string): Promise<void> {
  assertAllowed(await checkRateLimit('twoFactor', userId), 'Too many code attempts.')
}

// One step either side absorbs clock drift. A code seen once is refused for the rest of its
// window (SET NX), so a code read over someone's shoulder cannot be replayed.
async function acceptTotp(userId: string, secret: string, email: string, code: string): Promise<boolean> {
  const delta = totp(secret, email).validate({ token: code.replace(/\s/g, ''), window: 1 })
  if (delta === null) return false
  const step = TOTP.counter({ period: 30 }) + delta
  const fresh = await getRedis().set(`tenantkit:totp-used:${userId}:${step}`, 1, { nx: true, ex: 120 })
  return fresh === 'OK'
}
