import type { Metadata } from 'next'
import { ActionForm } from '@/app/_components/action-form'
import { AuthPage } from '@/app/_components/auth-page'
import { resetPasswordAction } from '../account-actions'

export const metadata: Metadata = { title: 'Choose a new password' }

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = '' } = await searchParams
  return (
    <AuthPage title="Choose a new password">
      <ActionForm
        action={resetPasswordAction}
        schema="resetPassword"
        hidden={{ token }}
        fields={[
          { name: 'password', label: 'New password (12+ characters)', type: 'password', autoComplete: 'new-password' },
          { name: 'confirm', label: 'Repeat it', type: 'password', autoComplete: 'new-password' },
        ]}
        submitLabel="Set password"
        pendingLabel="Saving…"
      />
    </AuthPage>
  )
}
