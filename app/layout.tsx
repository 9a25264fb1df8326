import type { Metadata } from 'next'
import { connection } from 'next/server'
import type { ReactNode } from 'react'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Tenantkit', template: '%s · Tenantkit' },
  description: 'A multi-tenant SaaS starter that arrives where most teams get after their first outage.',
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry that request's CSP nonce (proxy.ts). A page
  // prerendered at build time would have none, and the enforced CSP would block its scripts.
  await connection()
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  )
}
