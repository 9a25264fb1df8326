'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { runAction, type ActionState } from '@/app/_lib/action'
import * as users from '@/modules/users'

export async function unlinkProviderAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(z.object({ provider: z.enum(['github', 'google'], { error: 'Choose GitHub or Google.' }) }), formData, async ({ provider }) => {
    const session = await users.getCurrentSession()
    if (!session) return { ok: false, error: 'Your session ended. Sign in again.' }
    await users.unlinkProvider(session.record.userId, provider)
    revalidatePath('/t/[slug]/account', 'page')
    return { ok: true, message: 'Removed.' }
  })
}
