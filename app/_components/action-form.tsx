'use client'

import { useActionState } from 'react'
import type { ActionState } from '@/app/_lib/action-state'
import { FORM_SCHEMAS, type FormSchemaName } from '@/app/_lib/form-schemas'
import { Button, Field, FormMessage } from './ui'
import { useFormValidation } from './use-form-validation'

export type FormField = { name: string; label: string; type?: string; autoComplete?: string; defaultValue?: string }

/**
 * A form bound to a Server Action: checked in the browser with the action's own schema (`schema`),
 * field errors next to their fields, the outcome below. An error about a hidden field (a link's
 * token) has no field to sit next to, so it is shown as the form's message.
 */
export function ActionForm({
  action,
  fields,
  hidden = {},
  schema,
  submitLabel,
  pendingLabel,
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>
  fields: FormField[]
  hidden?: Record<string, string>
  schema?: FormSchemaName
  submitLabel: string
  pendingLabel: string
}) {
  const [state, formAction, pending] = useActionState(action, null)
  const { onSubmit, clientErrors } = useFormValidation(schema ? FORM_SCHEMAS[schema] : undefined, formAction)
  const fieldErrors = clientErrors ?? (state && !state.ok ? state.fieldErrors : undefined)
  const unplaced = Object.entries(fieldErrors ?? {}).find(([name]) => !fields.some((field) => field.name === name))?.[1]
  const message: ActionState = clientErrors
    ? { ok: false, error: unplaced ?? 'Check the highlighted fields.' }
    : state && !state.ok && unplaced
      ? { ok: false, error: unplaced }
      : state
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => (
        <Field key={field.name} {...field} required error={fieldErrors?.[field.name]} />
      ))}
      <FormMessage state={message} />
      <Button type="submit" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  )
}
