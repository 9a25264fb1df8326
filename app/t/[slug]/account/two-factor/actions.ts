'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { runAction, type ActionState } from '@/app/_lib/action'
import { TwoFactorCodeSchema, type TwoFactorSetupDto } from '@/modules/users/contract'
import * as users from '@/modules/users'

export type RecoveryCodes = { recoveryCodes: string[] }

const signedOut = { ok: false, error: 'Your session ended. Sign in again.' } as const

export async function beginTwoFactorSetupAction(_previous: ActionState<TwoFactorSetupDto>, formData: FormData): Promise<ActionState<TwoFactorSetupDto>> {
  return runAction(z.object({}), formData, async () => {
    const session = await users.getCurrentSession()
    if (!session) return signedOut
    return { ok: true, data: await users.beginTwoFactorSetup(session.record.userId) }
  })
}

export async function confirmTwoFactorSetupAction(_previous: ActionState<RecoveryCodes>, formData: FormData): Promise<ActionState<RecoveryCodes>> {
  return runAction(TwoFactorCodeSchema, formData, async ({ code }) => {
    const session = await users.getCurrentSession()
    if (!session) return signedOut
    const data = await users.confirmTwoFactorSetup(session.record.userId, session.sid, code)
    return { ok: true, message: 'Two-factor authentication is on. Your other sessions were signed out.', data }
  })
}

export async function regenerateRecoveryCodesAction(_previous: ActionState<RecoveryCodes>, formData: FormData): Promise<ActionState<RecoveryCodes>> {
  return runAction(TwoFactorCodeSchema, formData, async ({ code }) => {
    const session = await users.getCurrentSession()
    if (!session) return signedOut
    const data = await users.regenerateRecoveryCodes(session.record.userId, code)
    return { ok: true, message: 'New recovery codes. The old ones no longer work.', data }
  })
}

export async function disableTwoFactorAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(TwoFactorCodeSchema, formData, async ({ code }) => {
    const session = await users.getCurrentSession()
    if (!session) return signedOut
    await users.disableTwoFactor(session.record.userId, code)
    revalidatePath('/t/[slug]/account', 'page')
    return { ok: true, message: 'Two-factor authentication is off.' }
  })
}
