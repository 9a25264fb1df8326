import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/app/_components/action-form'
import { AuthPage } from '@/app/_components/auth-page'
import { TokenSchema } from '@/modules/users/contract'
import { getCurrentSession, previewInvitation } from '@/modules/users'
import { acceptInvitationAction, acceptInvitationAsNewUserAction } from './actions'

export const metadata: Metadata = { title: 'Accept invitation' }

// GET /invitations/accept?token=… – the link in an invitation email. Signed in: accept. Signed out
// with an account: sign in first. Signed out without one: create it here (the link proves the inbox).
export default async function AcceptInvitationPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = '' } = await searchParams
  const parsed = TokenSchema.safeParse(token)
  const [session, invitation] = await Promise.all([getCurrentSession(), parsed.success ? previewInvitation(parsed.data) : null])
  if (!invitation) {
    return (
      <AuthPage title="Join an organization">
        <p className="text-sm text-slate-600">
          This invitation does not exist, was revoked, has expired, or was already used. Ask the person who invited you to send a new one.
        </p>
      </AuthPage>
    )
  }
  const back = `/invitations/accept?token=${encodeURIComponent(token)}`
  const joining = `You are invited to join ${invitation.organization} as ${invitation.role === 'admin' ? 'an admin' : `a ${invitation.role}`}.`
  return (
    <AuthPage title="Join an organization">
      <p className="mb-4 text-sm text-slate-600">{joining}</p>
      {session ? (
        <>
          <p className="mb-4 text-sm text-slate-600">You are signed in as {session.record.email}.</p>
          <ActionForm action={acceptInvitationAction} hidden={{ token }} fields={[]} submitLabel="Accept invitation" pendingLabel="Joining…" />
        </>
      ) : invitation.hasAccount ? (
        <p className="text-sm text-slate-600">
          Sign in as {invitation.email}, then open this link again:{' '}
          <Link className="break-all underline" href={back}>
            {back}
          </Link>
        </p>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-600">Create your account for {invitation.email}: no need to confirm the address, this link already did.</p>
          <ActionForm
            action={acceptInvitationAsNewUserAction}
            hidden={{ token }}
            fields={[
              { name: 'name', label: 'Your name', autoComplete: 'name' },
              { name: 'password', label: 'Choose a password (12+ characters)', type: 'password', autoComplete: 'new-password' },
            ]}
            submitLabel="Create account and join"
            pendingLabel="Joining…"
          />
        </>
      )}
    </AuthPage>
  )
}
