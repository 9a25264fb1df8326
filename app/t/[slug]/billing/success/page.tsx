import type { Metadata } from 'next'
import Link from 'next/link'
import { Card } from '@/app/_components/ui'
import * as billing from '@/modules/billing'
import { PlanIdSchema } from '@/modules/billing/contract'
import { WaitingForStripe } from './waiting-for-stripe'

export const metadata: Metadata = { title: 'Subscription' }

// Stripe Checkout sends the customer here (success_url, with the plan they bought).
export default async function CheckoutSuccessPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>
  searchParams: Promise<{ plan?: string }>
}) {
  const { slug } = await params
  const bought = PlanIdSchema.exclude(['free']).safeParse((await searchParams).plan)
  const planNames = Object.fromEntries(billing.PLAN_ORDER.map((id) => [id, billing.planDto(id).name]))
  return (
    <Card>
      <WaitingForStripe expectedPlan={bought.success ? bought.data : null} planNames={planNames} />
      <p className="mt-4 text-sm">
        <Link href={`/t/${slug}/projects`} className="underline">
          Back to projects
        </Link>
      </p>
    </Card>
  )
}
