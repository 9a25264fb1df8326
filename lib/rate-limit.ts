import 'server-only'
import { Ratelimit } from '@upstash/ratelimit'
import { AppError } from './errors'
import { moduleLogger } from './logger'
import { getRedis } from './redis'

// Every rate limit in the app, by name, with what it does when Redis cannot answer
// (docs/decisions/006-rate-limit-policies.md): `closed` refuses (sign-in, email, money: an outage
// must not open the door to brute force or spam), `open` lets the request through (reads: an outage
// of the limiter must not take the product down).

type Duration = `${number} s` | `${number} m` | `${number} h`
type Policy = { limit: number; window: Duration; failMode: 'open' | 'closed'; description: string }

export const RATE_LIMIT_POLICIES = {
  ip: { limit: 600, window: '60 s', failMode: 'open', description: 'per-IP ceiling for every request' },
  api: { limit: 300, window: '60 s', failMode: 'open', description: 'API calls and page actions per user' },
  signIn: { limit: 5, window: '60 s', failMode: 'closed', description: 'password sign-in attempts per IP and email' },
  twoFactor: { limit: 5, window: '5 m', failMode: 'closed', description: 'two-factor code attempts per account' },
  signUpPerIp: { limit: 10, window: '1 h', failMode: 'closed', description: 'sign-ups per IP' },
  passwordResetPerIp: { limit: 10, window: '1 h', failMode: 'closed', description: 'password reset requests per IP' },
  invitesPerTenant: { limit: 50, window: '1 h', failMode: 'closed', description: 'invitation emails per organization' },
  magicLinkPerIp: { limit: 20, window: '1 h', failMode: 'closed', description: 'sign-in link requests per IP' },
  emailPerAddress: { limit: 3, window: '15 m', failMode: 'closed', description: 'account emails (verification, reset, sign-in link) per address' },
} as const satisfies Record<string, Policy>

export type RateLimitPolicy = keyof typeof RATE_LIMIT_POLICIES

export type RateLimitResult = {
  policy: RateLimitPolicy
  success: boolean
  limit: number
  remaining: number
  /** Unix ms when the window resets. */
  reset: number
}

const log = moduleLogger('rate-limit')
// Per Redis client: tests (and a reconfigured app) that swap the client get limiters that use it.
const limitersByClient = new WeakMap<object, Map<RateLimitPolicy, Ratelimit>>()

// NOTE: RATE_LIMIT_SCALE multiplies every limit (benchmarks, load tests); 1 in production.
function scale(): number {
  const value = Number(process.env.RATE_LIMIT_SCALE ?? '1')
  return Number.isFinite(value) && value > 0 ? value : 1
}

function limiter(policy: RateLimitPolicy): Ratelimit {
  const redis = getRedis()
  let limiters = limitersByClient.get(redis)
  if (!limiters) {
    limiters = new Map()
    limitersByClient.set(redis, limiters)
  }
  let instance = limiters.get(policy)
  if (!instance) {
    const { limit, window } = RATE_LIMIT_POLICIES[policy]
    instance = new Ratelimit({
      redis,
      limiter: Ratelimit.slidingWindow(Math.ceil(limit * scale()), window),
      prefix: `tenantkit:rl:${policy}`,
      // Blocked identifiers are remembered in memory until their window resets: no Redis call.
      ephemeralCache: new Map(),
      timeout: 1_000,
      analytics: false,
    })
    limiters.set(policy, instance)
  }
  return instance
}

/** Counts one request for `identifier` under `policy`. Never throws for a fail-open policy. */
export async function checkRateLimit(policy: RateLimitPolicy, identifier: string): Promise<RateLimitResult> {
  const { failMode } = RATE_LIMIT_POLICIES[policy]
  try {
    const result = await limiter(policy).limit(identifier)
    // The library answers "allowed" when Redis is slower than `timeout`; that is fail-open.
    if (result.reason === 'timeout' && failMode === 'closed') throw new Error('rate limiter timed out')
    return { policy, success: result.success, limit: result.limit, remaining: result.remaining, reset: result.reset }
  } catch (error) {
    log.warn({ err: error, policy, failMode }, 'rate limiter unavailable')
    if (failMode === 'closed') {
      throw new AppError('rate_limit.unavailable', 'unavailable', 'This action is briefly unavailable. Please try again in a minute.', {
        cause: error,
        headers: { 'Retry-After': '60' },
      })
    }
    const { limit } = RATE_LIMIT_POLICIES[policy]
    return { policy, success: true, limit, remaining: limit, reset: Date.now() }
  }
}

/** IETF RateLimit header fields plus Retry-After when refused. */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  const resetSeconds = Math.max(0, Math.ceil((result.reset - Date.now()) / 1000))
  return {
    'RateLimit-Limit': String(result.limit),
    'RateLimit-Remaining': String(Math.max(0, result.remaining)),
    'RateLimit-Reset': String(resetSeconds),
    'RateLimit-Policy': `${result.limit};w=${windowSeconds(RATE_LIMIT_POLICIES[result.policy].window)}`,
    ...(result.success ? {} : { 'Retry-After': String(Math.max(1, resetSeconds)) }),
  }
}

function windowSeconds(window: Duration): number {
  const [amount, unit] = window.split(' ') as [string, 's' | 'm' | 'h']
  return Number(amount) * { s: 1, m: 60, h: 3600 }[unit]
}

/** Throws a 429 AppError with the headers when `result` refused the request. */
export function assertAllowed(result: RateLimitResult, message = 'Too many requests. Please slow down.'): void {
  if (result.success) return
  const headers = rateLimitHeaders(result)
  throw new AppError('rate_limit.exceeded', 'rate_limited', `${message} Try again in ${headers['Retry-After']} s.`, { headers })
}
