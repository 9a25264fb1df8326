'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { runAction, type ActionState } from '@/app/_lib/action'
import { isAppError } from '@/lib/errors'
import { InvitationSignUpInputSchema, TokenSchema } from '@/modules/users/contract'
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

/** No account yet: create it from the invitation, then sign in with the password just chosen. */
export async function acceptInvitationAsNewUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let slug: string | null = null
  const state = await runAction(InvitationSignUpInputSchema, formData, async (input) => {
    const { email, organization } = await users.acceptInvitationAsNewUser(input, await headers())
    try {
      await users.signInWithPassword({ email, password: input.password })
    } catch (error) {
      // The account exists and the invitation is used: say so, whatever stopped the sign-in.
      if (!isAppError(error)) throw error
      return { ok: true, message: `Your account is ready and you joined ${organization.slug}, but signing in failed: ${error.message} Sign in as ${email} to continue.` }
    }
    slug = organization.slug
  })
  if (slug) redirect(`/t/${slug}/projects`)
  return state
}
