import { redirect } from 'next/navigation'
import { getCurrentSession } from '@/modules/users'

// The front door: into the active organization when signed in, to sign-in otherwise.
export default async function Home() {
  const session = await getCurrentSession()
  redirect(session ? `/t/${session.record.tenantSlug}/projects` : '/sign-in')
}
