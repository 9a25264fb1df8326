'use client'

import { useActionState } from 'react'
import { Button, Field, FormMessage } from '@/app/_components/ui'
import { useFormValidation } from '@/app/_components/use-form-validation'
import { TwoFactorCodeSchema } from '@/modules/users/contract'
import { twoFactorSignInAction } from './actions'

export function TwoFactorForm() {
  const [state, action, pending] = useActionState(twoFactorSignInAction, null)
  const { onSubmit, clientErrors } = useFormValidation(TwoFactorCodeSchema, action)
  const fieldErrors = clientErrors ?? (state && !state.ok ? state.fieldErrors : undefined)
  return (
    <form action={action} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Field
        label="Authentication code"
        name="code"
        inputMode="text"
        autoComplete="one-time-code"
        autoFocus
        required
        placeholder="123456"
        error={fieldErrors?.code}
      />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Checking…' : 'Verify and sign in'}
      </Button>
    </form>
  )
}
