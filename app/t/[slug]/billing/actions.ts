'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { runTenantAction, type ActionState } from '@/app/_lib/action'
import { StartCheckoutInputSchema } from '@/modules/billing/contract'
import * as billing from '@/modules/billing'

export async function checkoutAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let url: string | null = null
  const state = await runTenantAction(StartCheckoutInputSchema.extend({ tenant: z.string() }), formData, async (ctx, { plan, interval }) => {
    url = (await billing.startCheckout(ctx, { plan, interval }, null)).url
  })
  if (url) redirect(url)
  return state
}

export async function portalAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let url: string | null = null
  const state = await runTenantAction(z.object({ tenant: z.string() }), formData, async (ctx) => {
    url = (await billing.openBillingPortal(ctx)).url
  })
  if (url) redirect(url)
  return state
}
