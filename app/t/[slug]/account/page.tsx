import type { Metadata } from 'next'
import { ActionForm } from '@/app/_components/action-form'
import { Button, Card } from '@/app/_components/ui'
import { tenantPage } from '@/app/_lib/tenant-page'
import { listSessions } from '@/modules/users'
import { changePasswordAction, signOutEverywhereAction } from './actions'
import { DataExportCard } from './data-export-card'
import { DeleteAccountCard } from './delete-account-card'
import { SecurityActivity } from './security-activity'
import { SignInMethodsCard } from './sign-in-methods-card'
import { TwoFactorCard } from './two-factor/two-factor-card'

export const metadata: Metadata = { title: 'Account' }

const when = (ms: number) => new Date(ms).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })

export default async function AccountPage({ params }: { params: Promise<{ slug: string }> }) {
  const { session } = await tenantPage((await params).slug)
  const sessions = await listSessions(session.record.userId, session.sid)
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Account</h1>
      <Card>
        <h2 className="mb-4 text-lg font-medium">Change password</h2>
        <ActionForm
          action={changePasswordAction}
          schema="changePassword"
          fields={[
            { name: 'currentPassword', label: 'Current password', type: 'password', autoComplete: 'current-password' },
            { name: 'newPassword', label: 'New password (12+ characters)', type: 'password', autoComplete: 'new-password' },
          ]}
          submitLabel="Change password and sign out everywhere"
          pendingLabel="Saving…"
        />
      </Card>
      <SignInMethodsCard userId={session.record.userId} />
      <TwoFactorCard userId={session.record.userId} />
      <Card>
        <h2 className="mb-4 text-lg font-medium">Where you are signed in</h2>
        <ul className="mb-4 divide-y divide-slate-200" aria-label="Sessions">
          {sessions.map((s) => (
            <li key={`${s.createdAt}-${s.ip}`} className="py-2 text-sm">
              <p className="font-medium">
                {s.userAgent ?? 'Unknown device'} {s.current ? <span className="text-emerald-700">(this device)</span> : null}
              </p>
              <p className="text-slate-500">
                {s.ip ?? 'unknown IP'} · signed in {when(s.createdAt)} · last active {when(s.lastActiveAt)}
              </p>
            </li>
          ))}
        </ul>
        <form action={signOutEverywhereAction}>
          <Button variant="danger" type="submit">
            Sign out of all devices
          </Button>
        </form>
      </Card>
      <SecurityActivity userId={session.record.userId} />
      <DataExportCard />
      <DeleteAccountCard userId={session.record.userId} email={session.record.email} />
    </div>
  )
}
