import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { AuthPage } from '@/app/_components/auth-page'
import { getCurrentSession, getPendingTwoFactorSession } from '@/modules/users'
import { TwoFactorForm } from './two-factor-form'

export const metadata: Metadata = { title: 'Two-factor authentication' }

// The second step of sign-in for accounts with two-factor on; reached only with a pending session.
export default async function TwoFactorPage() {
  if (await getCurrentSession()) redirect('/')
  if (!(await getPendingTwoFactorSession())) redirect('/sign-in')
  return (
    <AuthPage title="Two-factor authentication" footer={<Link className="underline" href="/sign-in">Sign in as someone else</Link>}>
      <p className="mb-4 text-sm text-slate-600">
        Enter the 6-digit code from your authenticator app. Lost your device? Enter one of your recovery codes instead.
      </p>
      <TwoFactorForm />
    </AuthPage>
  )
}
