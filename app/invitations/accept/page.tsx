import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/app/_components/action-form'
import { AuthPage } from '@/app/_components/auth-page'
import { getCurrentSession } from '@/modules/users'
import { acceptInvitationAction } from './actions'

export const metadata: Metadata = { title: 'Accept invitation' }

export default async function AcceptInvitationPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = '' } = await searchParams
  const session = await getCurrentSession()
  const back = `/invitations/accept?token=${encodeURIComponent(token)}`
  return (
    <AuthPage title="Join an organization">
      {session ? (
        <>
          <p className="mb-4 text-sm text-slate-600">You are signed in as {session.record.email}.</p>
          <ActionForm action={acceptInvitationAction} hidden={{ token }} fields={[]} submitLabel="Accept invitation" pendingLabel="Joining…" />
        </>
      ) : (
        <p className="text-sm text-slate-600">
          Sign in with the address the invitation was sent to (or create an account with it), then open this link again:{' '}
          <Link className="break-all underline" href={back}>
            {back}
          </Link>
        </p>
      )}
    </AuthPage>
  )
}
