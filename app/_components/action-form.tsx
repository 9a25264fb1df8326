'use client'

import { useActionState } from 'react'
import type { ActionState } from '@/app/_lib/action-state'
import { Button, Field, FormMessage } from './ui'

export type FormField = { name: string; label: string; type?: string; autoComplete?: string; defaultValue?: string }

/** A form bound to a Server Action: field errors next to their fields, the outcome below. */
export function ActionForm({
  action,
  fields,
  hidden = {},
  submitLabel,
  pendingLabel,
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>
  fields: FormField[]
  hidden?: Record<string, string>
  submitLabel: string
  pendingLabel: string
}) {
  const [state, formAction, pending] = useActionState(action, null)
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => (
        <Field key={field.name} {...field} required error={fieldErrors?.[field.name]} />
      ))}
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  )
}
