import 'server-only'
import { getEnv } from '@/lib/env'
import { sendEmail } from '@/lib/mailer'
import { getRedis } from '@/lib/redis'
import type { TenantContext } from '@/lib/tenant-context'
import { listMembers } from '@/modules/users'
import type { BillingAccountDto, Entitlements } from './contract'
import { PLANS } from './plans'

// Billing emails to an organization's owners. They go out from jobs, after the account was synced,
// so they describe what Stripe says now rather than what an old event carried.

const CLAIM_SECONDS = 30 * 24 * 3600

async function owners(ctx: TenantContext) {
  return (await listMembers(ctx)).filter((m) => m.role === 'owner')
}

function billingUrl(ctx: TenantContext): string {
  return ctx.tenantSlug ? `${getEnv().APP_URL}/t/${ctx.tenantSlug}/billing` : getEnv().APP_URL
}

/** Emails every owner that the last payment failed and where to fix it. */
export async function notifyPaymentFailed(ctx: TenantContext): Promise<void> {
  for (const owner of await owners(ctx)) {
    await sendEmail({
      to: owner.email,
      subject: 'Your Tenantkit payment failed',
      text: `The last payment for your subscription failed. Stripe will retry; to keep your plan, update the payment method: ${billingUrl(ctx)}`,
    })
  }
}

/**
 * Emails every owner, once per Stripe event, that the trial ends soon and what happens then.
 * Nothing when the synced account is no longer trialing (the event is older than what Stripe says
 * now). Returns how many emails went out.
 */
export async function notifyTrialEnding(ctx: TenantContext, stripeEventId: string, account: BillingAccountDto): Promise<number> {
  if (account.status !== 'trialing' || !account.trialEnd || account.subscribedPlan === 'free') return 0
  const plan = PLANS[account.subscribedPlan]
  const ends = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(account.trialEnd))
  let sent = 0
  for (const owner of await owners(ctx)) {
    // Inngest runs a Stripe event once, but a replay or a retry after a partial send must not email
    // an owner twice: the claim is per event and per owner, released if the send fails.
    const claim = `tenantkit:billing:trial-email:${stripeEventId}:${owner.userId}`
    if ((await getRedis().set(claim, '1', { nx: true, ex: CLAIM_SECONDS })) !== 'OK') continue
    try {
      await sendEmail({
        to: owner.email,
        subject: `Your ${plan.name} trial ends on ${ends}`,
        text: [
          `The ${plan.name} trial of your organization ends on ${ends} (UTC).`,
          `Then the subscription continues: the payment method on file is charged and nothing else changes.`,
          `If there is no valid payment method, or you cancel before then, the organization moves to the Free plan: ${describe(PLANS.free.entitlements)}.`,
          `Add a payment method, change plan or cancel here: ${billingUrl(ctx)}`,
        ].join('\n\n'),
      })
      sent++
    } catch (error) {
      await getRedis().del(claim)
      throw error
    }
  }
  return sent
}

function describe(e: Entitlements): string {
  const n = (value: number) => value.toLocaleString('en')
  return `up to ${n(e.seats)} members, ${n(e.projects)} active projects and ${n(e.apiCallsPerMonth)} API calls a month`
}
