'use client'

import { useEffect, useState } from 'react'

type Status = { plan: string; status: string } | null

// Stripe redirects here before its webhook has necessarily arrived (and the job that syncs the
// subscription may still be running): show what the server knows, and keep asking until the plan
// just bought is in force (or say that it is taking long). Without a plan in the URL, any paid plan
// counts.
export function WaitingForStripe({ expectedPlan, planNames }: { expectedPlan: string | null; planNames: Record<string, string> }) {
  const [status, setStatus] = useState<Status>(null)
  const [tries, setTries] = useState(0)
  const confirmed = status !== null && (expectedPlan ? status.plan === expectedPlan : status.plan !== 'free')
  useEffect(() => {
    if (confirmed) return
    const timer = setTimeout(async () => {
      const response = await fetch('/api/billing/status', { cache: 'no-store' })
      if (response.ok) setStatus((await response.json()) as Status)
      setTries((n) => n + 1)
    }, tries === 0 ? 0 : 2000)
    return () => clearTimeout(timer)
  }, [confirmed, tries])
  if (status && confirmed) {
    return (
      <p role="status">
        Done: you are on the {planNames[status.plan] ?? status.plan} plan ({status.status}).
      </p>
    )
  }
  return (
    <p role="status" aria-busy="true">
      {tries < 30 ? 'Waiting for Stripe to confirm your subscription…' : 'Stripe has not confirmed yet. This page updates when it does; you can also come back later.'}
    </p>
  )
}
