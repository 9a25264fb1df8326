'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { runAction, type ActionState } from '@/app/_lib/action'
import { clientIp } from '@/lib/client-ip'
import { TwoFactorCodeSchema } from '@/modules/users/contract'
import * as users from '@/modules/users'

export async function twoFactorSignInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let slug: string | null = null
  const state = await runAction(TwoFactorCodeSchema, formData, async ({ code }) => {
    const requestHeaders = await headers()
    const jar = await cookies()
    const done = await users.completeTwoFactorSignIn(jar.get(users.sessionCookieName())?.value, code, {
      ip: clientIp(requestHeaders),
      userAgent: requestHeaders.get('user-agent'),
    })
    jar.set(done.cookie.name, done.cookie.value, done.cookie.options)
    slug = done.tenantSlug
  })
  // redirect() outside runAction: it throws, and a passed challenge has nothing else to say.
  if (state?.ok && slug) redirect(`/t/${slug}/projects`)
  return state
}
