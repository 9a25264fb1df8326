'use client'

import { useActionState } from 'react'
import { Button, Field, FormMessage } from '@/app/_components/ui'
import { signInAction } from './actions'

export function SignInForm() {
  const [state, action, pending] = useActionState(signInAction, null)
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors?.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={fieldErrors?.password} />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  )
}
