import Link from 'next/link'
import type { ReactNode } from 'react'
import { Button } from '@/app/_components/ui'
import { tenantPage } from '@/app/_lib/tenant-page'
import { can, listTenantsOfUser } from '@/modules/users'
import { signOutAction } from './actions'
import { OrgSwitcher } from './org-switcher'

// Everything under /t/<slug> belongs to one organization; the URL decides which. Visiting another
// organization's URL switches the session to it when the user is a member, and is a 404 otherwise.
export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params
  const { session } = await tenantPage(slug)
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl items-center justify-between px-4 py-3">
          <nav className="flex items-center gap-4">
            <Link href={`/t/${slug}/projects`} className="font-semibold">
              Tenantkit <span className="font-normal text-slate-500">/ {slug}</span>
            </Link>
            <Link href={`/t/${slug}/projects`} className="text-sm underline">
              Projects
            </Link>
            <Link href={`/t/${slug}/members`} className="text-sm underline">
              Members
            </Link>
            {can(session.record.role, 'billing.manage') ? (
              <Link href={`/t/${slug}/billing`} className="text-sm underline">
                Billing
              </Link>
            ) : null}
            {can(session.record.role, 'audit.read') ? (
              <Link href={`/t/${slug}/audit`} className="text-sm underline">
                Audit log
              </Link>
            ) : null}
            <OrgSwitcher current={slug} tenants={await listTenantsOfUser(session.record.userId)} />
          </nav>
          <form action={signOutAction} className="flex items-center gap-3 text-sm text-slate-600">
            <Link href={`/t/${slug}/account`} className="underline">
              {session.record.email}
            </Link>
            <span>{session.record.role}</span>
            <Button variant="secondary" type="submit">
              Sign out
            </Button>
          </form>
        </div>
      </header>
      <main className="mx-auto max-w-4xl px-4 py-8">{children}</main>
    </div>
  )
}
