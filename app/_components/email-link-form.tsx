import type { ActionState } from '@/app/_lib/action-state'
import { ActionForm } from './action-form'

/** One email field that asks for a link by email (sign-in, password reset, a new confirmation). */
export function EmailLinkForm({ action, submitLabel }: { action: (previous: ActionState, formData: FormData) => Promise<ActionState>; submitLabel: string }) {
  return (
    <ActionForm
      action={action}
      schema="email"
      fields={[{ name: 'email', label: 'Email', type: 'email', autoComplete: 'email' }]}
      submitLabel={submitLabel}
      pendingLabel="Sending…"
    />
  )
}
