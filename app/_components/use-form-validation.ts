'use client'

import { startTransition, useState, type FormEvent } from 'react'
import type { z } from 'zod'
import { fieldErrorsOf, formToObject } from '@/app/_lib/form-data'

/**
 * Checks the form with the server's own schema before it is sent; a form that would be refused is
 * not submitted and its fields say why. The server checks again: this only saves a round trip.
 *
 * It also submits the form itself: React resets a form after its `action` runs, which would wipe
 * what the person typed whenever the server refuses it. The `action` attribute stays for browsers
 * without JavaScript.
 */
export function useFormValidation(schema: z.ZodType | undefined, dispatch: (formData: FormData) => void) {
  const [clientErrors, setClientErrors] = useState<Record<string, string> | undefined>()
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter)
    const parsed = schema?.safeParse(formToObject(formData))
    if (parsed && !parsed.success) {
      setClientErrors(fieldErrorsOf(parsed.error))
      return
    }
    setClientErrors(undefined)
    startTransition(() => dispatch(formData))
  }
  return { onSubmit, clientErrors }
}
