import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { Card } from '@/app/_components/ui'
import { getCurrentSession } from '@/modules/users'
import { SignInForm } from './sign-in-form'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage() {
  if (await getCurrentSession()) redirect('/')
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4">
      <h1 className="text-2xl font-semibold">Sign in to Tenantkit</h1>
      <Card>
        <SignInForm />
      </Card>
      {process.env.NODE_ENV !== 'production' ? (
        <p className="text-sm text-slate-500">
          Local demo: <code>owner@demo.test</code> or <code>member@demo.test</code>, password <code>demo-password</code>.
        </p>
      ) : null}
    </main>
  )
}
