'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { runAction, type ActionState } from '@/app/_lib/action'
import { TokenSchema } from '@/modules/users/contract'
import * as users from '@/modules/users'

export async function acceptInvitationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let slug: string | null = null
  const state = await runAction(z.object({ token: TokenSchema }), formData, async ({ token }) => {
    const session = await users.getCurrentSession()
    if (!session) return { ok: false, error: 'Sign in first, with the address the invitation was sent to.' }
    const joined = await users.acceptInvitation(token, { userId: session.record.userId, email: session.record.email })
    await users.switchActiveTenant(session, joined.slug)
    slug = joined.slug
  })
  if (slug) redirect(`/t/${slug}/projects`)
  return state
}
