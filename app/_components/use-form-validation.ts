'use client'

import { useState, type FormEvent } from 'react'
import type { z } from 'zod'
import { fieldErrorsOf, formToObject } from '@/app/_lib/form-data'

/**
 * Checks the form with the server's own schema before it is sent; a form that would be refused is
 * not submitted and its fields say why. The server checks again: this only saves a round trip.
 */
export function useFormValidation(schema: z.ZodType | undefined) {
  const [clientErrors, setClientErrors] = useState<Record<string, string> | undefined>()
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!schema) return
    const parsed = schema.safeParse(formToObject(new FormData(event.currentTarget)))
    if (parsed.success) {
      setClientErrors(undefined)
      return
    }
    event.preventDefault()
    setClientErrors(fieldErrorsOf(parsed.error))
  }
  return { onSubmit, clientErrors }
}
