'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { runAction, type ActionState } from '@/app/_lib/action'
import { EmailOnlySchema, SignInInputSchema, TokenSchema } from '@/modules/users/contract'
import * as users from '@/modules/users'

export async function signInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await runAction(SignInInputSchema, formData, async (input) => {
    await users.signInWithPassword(input)
  })
  // redirect() outside runAction: it throws, and a successful sign-in has nothing else to say.
  if (state?.ok) redirect('/')
  return state
}

export async function requestMagicLinkAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(EmailOnlySchema, formData, async ({ email }) => {
    await users.requestMagicLink(email, await headers())
    // The same words whether or not the address has an account.
    return { ok: true, message: 'Check your inbox: if the address has an account, a sign-in link is on its way.' }
  })
}

export async function magicLinkSignInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await runAction(z.object({ token: TokenSchema }), formData, async ({ token }) => {
    await users.signInWithMagicLink(token)
  })
  if (state?.ok) redirect('/')
  return state
}

// A plain form action (no state): success leaves for GitHub/Google, and every failure comes back
// through /sign-in?error=…, the same way a refused OAuth callback does.
export async function oauthSignInAction(formData: FormData): Promise<void> {
  const provider = users.OAuthProviderIdSchema.safeParse(formData.get('provider'))
  if (!provider.success) redirect('/sign-in?error=provider_unavailable')
  try {
    await users.startOAuthSignIn(provider.data)
  } catch (error) {
    if (error instanceof users.UsersError) redirect(`/sign-in?error=provider_unavailable`)
    throw error
  }
}
