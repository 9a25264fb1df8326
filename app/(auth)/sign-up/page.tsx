import type { Metadata } from 'next'
import { ActionForm } from '@/app/_components/action-form'
import { AuthPage } from '@/app/_components/auth-page'
import { signUpAction } from '../account-actions'

export const metadata: Metadata = { title: 'Create an account' }

export default function SignUpPage() {
  return (
    <AuthPage title="Create your account">
      <ActionForm
        action={signUpAction}
        schema="signUp"
        fields={[
          { name: 'name', label: 'Your name', autoComplete: 'name' },
          { name: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
          { name: 'password', label: 'Password (12+ characters)', type: 'password', autoComplete: 'new-password' },
        ]}
        submitLabel="Create account"
        pendingLabel="Creating…"
      />
    </AuthPage>
  )
}
