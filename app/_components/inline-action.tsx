'use client'

import { useActionState, type ReactNode } from 'react'
import type { ActionState } from '@/app/_lib/action-state'
import { Button, FormMessage } from './ui'

/** One button (plus optional inputs) bound to a Server Action, with its outcome next to it. */
export function InlineAction({
  action,
  hidden,
  label,
  variant = 'secondary',
  children,
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>
  hidden: Record<string, string>
  label: string
  variant?: 'primary' | 'secondary' | 'danger'
  children?: ReactNode
}) {
  const [state, formAction, pending] = useActionState(action, null)
  return (
    <form action={formAction} className="flex items-center gap-2">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <Button variant={variant} type="submit" disabled={pending}>
        {label}
      </Button>
      <FormMessage state={state} />
    </form>
  )
}
