'use client'

import { useEffect, useState } from 'react'

type Status = { plan: string; status: string } | null

// Stripe redirects here before its webhook has necessarily arrived: show what the server knows,
// and keep asking until the subscription shows up (or say that it is taking long).
export function WaitingForStripe() {
  const [status, setStatus] = useState<Status>(null)
  const [tries, setTries] = useState(0)
  useEffect(() => {
    if (status && status.plan !== 'free') return
    const timer = setTimeout(async () => {
      const response = await fetch('/api/billing/status', { cache: 'no-store' })
      if (response.ok) setStatus((await response.json()) as Status)
      setTries((n) => n + 1)
    }, tries === 0 ? 0 : 2000)
    return () => clearTimeout(timer)
  }, [status, tries])
  if (status && status.plan !== 'free') {
    return <p role="status">Done: you are on the {status.plan} plan ({status.status}).</p>
  }
  return (
    <p role="status" aria-busy="true">
      {tries < 30 ? 'Waiting for Stripe to confirm your subscription…' : 'Stripe has not confirmed yet. This page updates when it does; you can also come back later.'}
    </p>
  )
}
