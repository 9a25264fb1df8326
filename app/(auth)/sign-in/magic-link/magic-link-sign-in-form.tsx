'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import { Button, FormMessage } from '@/app/_components/ui'
import { magicLinkSignInAction } from '../actions'

export function MagicLinkSignInForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(magicLinkSignInAction, null)
  const refused = state !== null && !state.ok
  // A cut-off link fails the token's schema; there is no field to highlight, so say what it is.
  const message = refused && state.fieldErrors?.token ? { ok: false, error: state.fieldErrors.token } : state
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-slate-600">This link signs you in once. Continue in this browser?</p>
      <FormMessage state={message} />
      {refused ? (
        <Link className="text-sm underline" href="/sign-in/magic-link">
          Email me a new sign-in link
        </Link>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  )
}
