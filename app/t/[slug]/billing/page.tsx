import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { InlineAction } from '@/app/_components/inline-action'
import { Card } from '@/app/_components/ui'
import * as billing from '@/modules/billing'
import { tenantPage } from '@/app/_lib/tenant-page'
import * as users from '@/modules/users'
import { checkoutAction, portalAction } from './actions'

export const metadata: Metadata = { title: 'Billing' }

const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('en', { dateStyle: 'medium' }) : null)

export default async function BillingPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  const { ctx } = await tenantPage(slug)
  if (!users.can(ctx.role, 'billing.manage')) notFound()
  const [account, seatsInUse] = await Promise.all([billing.getBillingAccount(ctx), users.countSeatsInUse(ctx)])
  const plan = billing.planDto(account.plan)
  const billingOn = billing.getBillingMode() === 'on'
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Billing</h1>
      {!billingOn ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          Billing is off: this deployment has no Stripe keys (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET), so every organization is
          on the Free plan.
        </p>
      ) : null}
      {account.status === 'past_due' ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          The last payment failed. Update the payment method to keep the {billing.planDto(account.subscribedPlan).name} plan.
        </p>
      ) : null}
      <Card>
        <h2 className="text-lg font-medium">{plan.name} plan</h2>
        <p className="text-sm text-slate-600">
          Status: {account.status}
          {account.currentPeriodEnd ? ` · renews ${date(account.currentPeriodEnd)}` : ''}
          {account.cancelAtPeriodEnd ? ` · ends ${date(account.currentPeriodEnd)}` : ''}
          {account.trialEnd ? ` · trial until ${date(account.trialEnd)}` : ''}
        </p>
        <dl className="mt-4 grid grid-cols-3 gap-4 text-sm">
          <div>
            <dt className="text-slate-500">Seats</dt>
            <dd>
              {seatsInUse} of {plan.entitlements.seats}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Active projects</dt>
            <dd>up to {plan.entitlements.projects}</dd>
          </div>
          <div>
            <dt className="text-slate-500">API calls a month</dt>
            <dd>up to {plan.entitlements.apiCallsPerMonth.toLocaleString('en')}</dd>
          </div>
        </dl>
        {billingOn && account.status !== 'none' ? (
          <div className="mt-4">
            <InlineAction action={portalAction} hidden={{ tenant: slug }} label="Manage subscription and payment method" />
          </div>
        ) : null}
      </Card>
      <ul className="grid grid-cols-3 gap-4" aria-label="Plans">
        {billing.PLAN_ORDER.map((id) => {
          const p = billing.planDto(id)
          return (
            <li key={id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm aria-[current=true]:border-slate-900" aria-current={id === plan.id}>
              <p className="font-medium">{p.name}</p>
              <p className="text-slate-600">
                {p.entitlements.seats} seats · {p.entitlements.projects} projects
              </p>
              {billingOn && id !== 'free' && id !== plan.id ? (
                <div className="mt-3">
                  <InlineAction action={checkoutAction} hidden={{ tenant: slug, plan: id, interval: 'month' }} label={`Upgrade to ${p.name}`} variant="primary" />
                </div>
              ) : null}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
