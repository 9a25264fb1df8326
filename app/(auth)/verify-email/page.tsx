import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/app/_components/action-form'
import { EmailLinkForm } from '@/app/_components/email-link-form'
import { AuthPage } from '@/app/_components/auth-page'
import { confirmEmailAction, resendVerificationAction } from '../account-actions'

export const metadata: Metadata = { title: 'Confirm your email' }

// NOTE: the link only opens this page; confirming takes a click. Mail scanners that open every
// link would otherwise use up the single-use token before the person does.
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams
  return (
    <AuthPage title="Confirm your email" footer={<Link className="underline" href="/sign-in">Back to sign-in</Link>}>
      {token ? (
        <ActionForm action={confirmEmailAction} hidden={{ token }} fields={[]} submitLabel="Confirm my email" pendingLabel="Confirming…" />
      ) : (
        <EmailLinkForm action={resendVerificationAction} submitLabel="Send a new link" />
      )}
    </AuthPage>
  )
}
