import 'server-only'
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { headers } from 'next/headers'
import { clientIp } from '@/lib/client-ip'
import { isAppError } from '@/lib/errors'
import { assertAllowed, checkRateLimit } from '@/lib/rate-limit'
import { bindToRequest, runWithRequestContext } from '@/lib/request-context'
import type { TenantContext } from '@/lib/tenant-context'
import { getCurrentSession, switchActiveTenant, tenantContextOf } from '@/modules/users'
import type { ActionState } from './action-state'
import { fieldErrorsOf, formToObject } from './form-data'
import { errorResponse } from './error-response'

// Server Actions answer forms with a state object instead of throwing: useActionState shows the
// message next to the form, and field errors next to their fields.

export type { ActionState }


/** Parses the form with `schema`, runs `fn`, and turns every failure into an ActionState. */
export async function runAction<S extends z.ZodType, D = undefined>(
  schema: S,
  formData: FormData,
  fn: (input: z.infer<S>) => Promise<ActionState<D> | void>,
): Promise<ActionState<D>> {
  const ip = clientIp(await headers())
  return runWithRequestContext({ requestId: randomUUID(), ip }, async () => {
    const parsed = schema.safeParse(formToObject(formData))
    if (!parsed.success) return { ok: false, error: 'Check the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error) }
    try {
      return (await fn(parsed.data)) ?? { ok: true }
    } catch (error) {
      if (isRedirect(error)) throw error
      if (isAppError(error)) return { ok: false, error: error.message }
      errorResponse(error, 'action') // logs and reports once
      return { ok: false, error: 'Something went wrong on our side. Please try again.' }
    }
  })
}

// redirect() and notFound() work by throwing; they must pass through.
function isRedirect(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK'))
}

/**
 * A Server Action of a signed-in member. The form names its organization (hidden `tenant` field):
 * with two tabs on two organizations, an action acts on the one its page showed, not on whichever
 * the session switched to last.
 */
export async function runTenantAction<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  fn: (ctx: TenantContext, input: z.infer<S>) => Promise<ActionState | void>,
): Promise<ActionState> {
  return runAction(schema, formData, async (input) => {
    let session = await getCurrentSession()
    if (!session) return { ok: false, error: 'Your session ended. Sign in again.' }
    const tenant = formData.get('tenant')
    if (typeof tenant === 'string' && tenant !== session.record.tenantSlug) session = await switchActiveTenant(session, tenant)
    const ctx = tenantContextOf(session)
    bindToRequest({ tenantId: ctx.tenantId, userId: ctx.userId ?? undefined })
    assertAllowed(await checkRateLimit('api', session.record.userId))
    return fn(ctx, input)
  })
}
