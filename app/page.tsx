import { redirect } from 'next/navigation'
import { getCurrentSession, getPendingTwoFactorSession } from '@/modules/users'

// The front door: into the active organization when signed in, to the second step of sign-in when
// a code is still owed, to sign-in otherwise.
export default async function Home() {
  const session = await getCurrentSession()
  if (session) redirect(`/t/${session.record.tenantSlug}/projects`)
  redirect((await getPendingTwoFactorSession()) ? '/sign-in/two-factor' : '/sign-in')
}
