import 'server-only'
import { notFound, redirect } from 'next/navigation'
import { cache } from 'react'
import type { TenantContext } from '@/lib/tenant-context'
import { getCurrentSession, switchActiveTenant, tenantContextOf, UsersError, type CurrentSession } from '@/modules/users'

/**
 * The organization a /t/<slug> page shows, decided by its URL. Layouts and pages render at the same
 * time, so a page cannot count on its layout having switched the session first: both call this, and
 * React's per-request cache makes it one switch. No session: to sign-in; not a member: 404.
 */
export const tenantPage = cache(async (slug: string): Promise<{ session: CurrentSession; ctx: TenantContext }> => {
  const current = await getCurrentSession()
  if (!current) redirect('/')
  const session = await switchActiveTenant(current, slug).catch((error: unknown) => {
    if (error instanceof UsersError && error.kind === 'not_found') notFound()
    throw error
  })
  return { session, ctx: tenantContextOf(session) }
})
