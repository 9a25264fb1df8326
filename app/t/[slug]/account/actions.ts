'use server'

import { redirect } from 'next/navigation'
import { runAction, type ActionState } from '@/app/_lib/action'
import { ChangePasswordInputSchema } from '@/modules/users/contract'
import * as users from '@/modules/users'

export async function changePasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await runAction(ChangePasswordInputSchema, formData, async (input) => {
    const session = await users.getCurrentSession()
    if (!session) return { ok: false, error: 'Your session ended. Sign in again.' }
    await users.changePassword(session.record.userId, input)
  })
  // Every session ended with the change, this one too.
  if (state?.ok) redirect('/sign-in')
  return state
}

export async function signOutEverywhereAction(): Promise<void> {
  const session = await users.getCurrentSession()
  if (session) await users.revokeAllSessions(session.record.userId)
  redirect('/sign-in')
}
