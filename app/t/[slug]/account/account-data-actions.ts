'use server'

import { z } from 'zod'
import { runAction, type ActionState } from '@/app/_lib/action'
import { DeleteAccountInputSchema } from '@/modules/users/contract'
import * as users from '@/modules/users'

const SESSION_ENDED: ActionState = { ok: false, error: 'Your session ended. Sign in again.' }

export async function requestDataExportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(z.object({}), formData, async () => {
    const session = await users.getCurrentSession()
    if (!session) return SESSION_ENDED
    const { queued } = await users.requestDataExport(session.record.userId)
    return {
      ok: true,
      message: queued
        ? `We are preparing your data. A download link will arrive at ${session.record.email} in a few minutes.`
        : `Your data is ready: we emailed a download link to ${session.record.email}.`,
    }
  })
}

export async function deleteAccountAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(DeleteAccountInputSchema, formData, async (input) => {
    const session = await users.getCurrentSession()
    if (!session) return SESSION_ENDED
    await users.requestAccountDeletion({ userId: session.record.userId, sessionCreatedAt: session.record.createdAt }, input)
    // Every session, this one included, has ended; the page stays only to say so.
    return { ok: true, message: 'Your account is being deleted, and you are signed out everywhere. Goodbye.' }
  })
}
