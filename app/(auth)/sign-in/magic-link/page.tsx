import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { EmailLinkForm } from '@/app/_components/email-link-form'
import { AuthPage } from '@/app/_components/auth-page'
import { getCurrentSession } from '@/modules/users'
import { requestMagicLinkAction } from '../actions'
import { MagicLinkSignInForm } from './magic-link-sign-in-form'

// The token is in this page's URL: no Referer may carry it to anyone else.
export const metadata: Metadata = { title: 'Sign in with an email link', referrer: 'no-referrer' }

const QuerySchema = z.object({ token: z.string().max(200).optional().catch(undefined) })

// NOTE: the emailed link only opens this page; signing in takes a click (a POST). Mail scanners
// that open every link would otherwise use up the single-use token before the person does.
export default async function MagicLinkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getCurrentSession()) redirect('/')
  const { token } = QuerySchema.parse(await searchParams)
  if (token) {
    return (
      <AuthPage title="Sign in to Tenantkit">
        <MagicLinkSignInForm token={token} />
      </AuthPage>
    )
  }
  return (
    <AuthPage title="Email me a sign-in link">
      <EmailLinkForm action={requestMagicLinkAction} submitLabel="Email me a sign-in link" />
    </AuthPage>
  )
}
