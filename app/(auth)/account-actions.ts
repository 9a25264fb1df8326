'use server'

import { headers } from 'next/headers'
import { z } from 'zod'
import { runAction, type ActionState } from '@/app/_lib/action'
import { EmailOnlySchema, ResetPasswordFormSchema, SignUpInputSchema, TokenSchema } from '@/modules/users/contract'
import * as users from '@/modules/users'

const CHECK_INBOX = 'Check your inbox: if the address can be used, a link is on its way.'

export async function signUpAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(SignUpInputSchema, formData, async (input) => {
    await users.signUp(input, await headers())
    return { ok: true, message: `Almost there. ${CHECK_INBOX.replace('Check your inbox: ', '')} Open it to confirm your email, then sign in.` }
  })
}

export async function resendVerificationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(EmailOnlySchema, formData, async ({ email }) => {
    await users.resendVerification(email, await headers())
    return { ok: true, message: CHECK_INBOX }
  })
}

export async function requestPasswordResetAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(EmailOnlySchema, formData, async ({ email }) => {
    await users.requestPasswordReset(email, await headers())
    return { ok: true, message: CHECK_INBOX }
  })
}

export async function resetPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(ResetPasswordFormSchema, formData, async ({ token, password }) => {
    await users.resetPassword({ token, password })
    return { ok: true, message: 'Your password is changed and every session is signed out. Sign in with the new password.' }
  })
}

export async function confirmEmailAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(z.object({ token: TokenSchema }), formData, async ({ token }) => {
    const { email } = await users.verifyEmail(token)
    return { ok: true, message: `${email} is confirmed. You can sign in now.` }
  })
}
