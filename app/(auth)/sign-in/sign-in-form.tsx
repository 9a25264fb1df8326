'use client'

import { useActionState, useState, type FormEvent } from 'react'
import { Button, Field, FormMessage } from '@/app/_components/ui'
import { useFormValidation } from '@/app/_components/use-form-validation'
import { EmailOnlySchema, SignInInputSchema } from '@/modules/users/contract'
import { requestMagicLinkAction, signInAction } from './actions'

// One email field, two ways in: the password, or a link sent to the address. A second form would
// need a second "Email" field, and two fields with one label are one too many for a screen reader.
export function SignInForm() {
  const [passwordState, passwordAction, signingIn] = useActionState(signInAction, null)
  const [linkState, linkAction, sending] = useActionState(requestMagicLinkAction, null)
  const [shown, setShown] = useState<'password' | 'link'>('password')
  const password = useFormValidation(SignInInputSchema, passwordAction)
  const link = useFormValidation(EmailOnlySchema, linkAction)
  const state = shown === 'password' ? passwordState : linkState
  const fieldErrors = (shown === 'password' ? password.clientErrors : link.clientErrors) ?? (state && !state.ok ? state.fieldErrors : undefined)
  const pending = signingIn || sending
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const way = (event.nativeEvent as SubmitEvent).submitter?.dataset.way === 'link' ? link : password
    way.onSubmit(event)
  }
  return (
    <form action={passwordAction} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors?.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={fieldErrors?.password} />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending} onClick={() => setShown('password')}>
        {signingIn ? 'Signing in…' : 'Sign in'}
      </Button>
      <p className="text-center text-xs text-slate-500">No password, or forgot it?</p>
      <Button type="submit" variant="secondary" data-way="link" formAction={linkAction} disabled={pending} onClick={() => setShown('link')}>
        {sending ? 'Sending…' : 'Email me a sign-in link'}
      </Button>
    </form>
  )
}
