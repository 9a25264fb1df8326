import 'server-only'
import { getEnv } from '@/lib/env'
import type { BillingMode } from './contract'

export type StripeConfig = { secretKey: string; webhookSecret: string; apiBase: URL | null }

/** Stripe's keys, or null when billing is off (Free works without them). */
export function getStripeConfig(): StripeConfig | null {
  const env = getEnv()
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) return null
  return {
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    apiBase: env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null,
  }
}

export function getBillingMode(): BillingMode {
  return getStripeConfig() ? 'on' : 'off'
}
