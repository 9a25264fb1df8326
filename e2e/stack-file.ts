import { tmpdir } from 'node:os'
import path from 'node:path'

/** Where e2e/serve.ts leaves the endpoints of the running stack for the specs. */
export const E2E_STACK_FILE = path.join(tmpdir(), `tenantkit-e2e-${process.env.E2E_PORT ?? 3100}.json`)

export type E2EStack = {
  /** The Upstash-compatible Redis endpoint and its token (the email outbox lives there). */
  url: string
  token: string
  /** The local jobs runner (scripts/jobs-runner): GET /runs lists what ran. */
  jobsUrl: string
}

/** The Stripe price ids the e2e apps sell (the fake Stripe accepts any). */
export const E2E_PRICES = {
  STRIPE_PRICE_PRO_MONTHLY: 'price_e2e_pro_monthly',
  STRIPE_PRICE_PRO_YEARLY: 'price_e2e_pro_yearly',
  STRIPE_PRICE_TEAM_MONTHLY: 'price_e2e_team_monthly',
  STRIPE_PRICE_TEAM_YEARLY: 'price_e2e_team_yearly',
}
