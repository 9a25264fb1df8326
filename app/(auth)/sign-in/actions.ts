'use server'

import { redirect } from 'next/navigation'
import { runAction, type ActionState } from '@/app/_lib/action'
import { SignInInputSchema } from '@/modules/users/contract'
import * as users from '@/modules/users'

export async function signInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await runAction(SignInInputSchema, formData, async (input) => {
    await users.signInWithPassword(input)
  })
  // redirect() outside runAction: it throws, and a successful sign-in has nothing else to say.
  if (state?.ok) redirect('/')
  return state
}
