import type { Metadata } from 'next'
import { EmailLinkForm } from '@/app/_components/email-link-form'
import { AuthPage } from '@/app/_components/auth-page'
import { requestPasswordResetAction } from '../account-actions'

export const metadata: Metadata = { title: 'Reset your password' }

export default function ForgotPasswordPage() {
  return (
    <AuthPage title="Reset your password">
      <EmailLinkForm action={requestPasswordResetAction} submitLabel="Email me a reset link" />
    </AuthPage>
  )
}
