'use client'

import { useActionState } from 'react'
import { Button, Field, FormMessage } from '@/app/_components/ui'
import type { ActionState } from '@/app/_lib/action-state'
import type { TwoFactorStatusDto } from '@/modules/users/contract'
import { disableTwoFactorAction, regenerateRecoveryCodesAction } from './actions'
import { RecoveryCodes } from './recovery-codes'

/** Two-factor is on: new recovery codes or turning it off, each behind a current code. */
export function TwoFactorOn({ status }: { status: TwoFactorStatusDto }) {
  const [regenerated, regenerate, regenerating] = useActionState(regenerateRecoveryCodesAction, null)
  const [disabled, disable, disabling] = useActionState(disableTwoFactorAction, null)
  if (regenerated?.ok && regenerated.data) return <RecoveryCodes codes={regenerated.data.recoveryCodes} />
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-slate-700">
        <span className="font-medium text-emerald-700">On</span> since {status.enabledAt ? new Date(status.enabledAt).toLocaleDateString('en', { dateStyle: 'medium' }) : '—'}.{' '}
        {status.recoveryCodesLeft} recovery codes left.
      </p>
      <CodeForm id="regenerate-code" label="Code, to get new recovery codes" action={regenerate} state={regenerated} pending={regenerating} submit="New recovery codes" />
      <CodeForm id="disable-code" label="Code, to turn two-factor off" action={disable} state={disabled} pending={disabling} submit="Turn off two-factor authentication" danger />
    </div>
  )
}

function CodeForm({ id, label, action, state, pending, submit, danger = false }: {
  id: string
  label: string
  action: (formData: FormData) => void
  state: ActionState<unknown>
  pending: boolean
  submit: string
  danger?: boolean
}) {
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      <Field id={id} label={label} name="code" autoComplete="one-time-code" required error={state && !state.ok ? state.fieldErrors?.code : undefined} />
      <FormMessage state={state} />
      <Button type="submit" variant={danger ? 'danger' : 'secondary'} disabled={pending} className="self-start">
        {pending ? 'Checking…' : submit}
      </Button>
    </form>
  )
}
