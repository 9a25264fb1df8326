import type { Metadata } from 'next'
import { ActionForm } from '@/app/_components/action-form'
import { AuthPage } from '@/app/_components/auth-page'
import { requestPasswordResetAction } from '../account-actions'

export const metadata: Metadata = { title: 'Reset your password' }

export default function ForgotPasswordPage() {
  return (
    <AuthPage title="Reset your password">
      <ActionForm
        action={requestPasswordResetAction}
        schema="email"
        fields={[{ name: 'email', label: 'Email', type: 'email', autoComplete: 'email' }]}
        submitLabel="Email me a reset link"
        pendingLabel="Sending…"
      />
    </AuthPage>
  )
}
