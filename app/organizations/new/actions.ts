'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { runAction, type ActionState } from '@/app/_lib/action'
import { OrganizationNameSchema } from '@/modules/users/contract'
import * as users from '@/modules/users'

export async function createOrganizationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let slug: string | null = null
  const state = await runAction(z.object({ name: OrganizationNameSchema }), formData, async ({ name }) => {
    const session = await users.getCurrentSession()
    if (!session) return { ok: false, error: 'Your session ended. Sign in again.' }
    const organization = await users.createOrganization(session.record.userId, name)
    await users.switchActiveTenant(session, organization.slug)
    slug = organization.slug
  })
  if (slug) redirect(`/t/${slug}/projects`)
  return state
}
