import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { AuthPage } from '@/app/_components/auth-page'
import { getCurrentSession, getPendingTwoFactorSession } from '@/modules/users'
import { SignInForm } from './sign-in-form'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage() {
  if (await getCurrentSession()) redirect('/')
  if (await getPendingTwoFactorSession()) redirect('/sign-in/two-factor')
  return (
    <AuthPage title="Sign in to Tenantkit" footer={<Link className="underline" href="/verify-email">Resend the confirmation email</Link>}>
      <SignInForm />
      {process.env.NODE_ENV !== 'production' ? (
        <p className="mt-4 text-sm text-slate-500">
          Local demo: <code>owner@demo.test</code> or <code>member@demo.test</code>, password <code>demo-password</code>.
        </p>
      ) : null}
    </AuthPage>
  )
}
