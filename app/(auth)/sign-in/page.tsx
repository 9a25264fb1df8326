import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { AuthPage } from '@/app/_components/auth-page'
import { getCurrentSession, getPendingTwoFactorSession, listOAuthProviders, signInErrorMessage } from '@/modules/users'
import { OAuthButtons } from './oauth-buttons'
import { SignInForm } from './sign-in-form'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getCurrentSession()) redirect('/')
  if (await getPendingTwoFactorSession()) redirect('/sign-in/two-factor')
  // Auth.js sends failed and refused OAuth sign-ins back here with ?error=… (sign-in-errors.ts).
  const error = signInErrorMessage(await searchParams)
  return (
    <AuthPage title="Sign in to Tenantkit" footer={<Link className="underline" href="/verify-email">Resend the confirmation email</Link>}>
      {error ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <SignInForm />
      <OAuthButtons providers={listOAuthProviders()} />
      {process.env.NODE_ENV !== 'production' ? (
        <p className="mt-4 text-sm text-slate-500">
          Local demo: <code>owner@demo.test</code> or <code>member@demo.test</code>, password <code>demo-password</code>.
        </p>
      ) : null}
    </AuthPage>
  )
}
