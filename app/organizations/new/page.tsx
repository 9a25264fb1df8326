import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { ActionForm } from '@/app/_components/action-form'
import { Card } from '@/app/_components/ui'
import { getCurrentSession } from '@/modules/users'
import { createOrganizationAction } from './actions'

export const metadata: Metadata = { title: 'New organization' }

export default async function NewOrganizationPage() {
  if (!(await getCurrentSession())) redirect('/sign-in')
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4">
      <h1 className="text-2xl font-semibold">New organization</h1>
      <Card>
        <ActionForm action={createOrganizationAction} schema="organization" fields={[{ name: 'name', label: 'Organization name' }]} submitLabel="Create organization" pendingLabel="Creating…" />
      </Card>
    </main>
  )
}
