'use client'

import { useActionState } from 'react'
import { Button, Field, FormMessage } from '@/app/_components/ui'
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
      <form action={regenerate} className="flex flex-col gap-3" noValidate>
        <Field id="regenerate-code" label="Code, to get new recovery codes" name="code" autoComplete="one-time-code" required error={regenerated && !regenerated.ok ? regenerated.fieldErrors?.code : undefined} />
        <FormMessage state={regenerated} />
        <Button type="submit" variant="secondary" disabled={regenerating} className="self-start">
          {regenerating ? 'Checking…' : 'New recovery codes'}
        </Button>
      </form>
      <form action={disable} className="flex flex-col gap-3" noValidate>
        <Field id="disable-code" label="Code, to turn two-factor off" name="code" autoComplete="one-time-code" required error={disabled && !disabled.ok ? disabled.fieldErrors?.code : undefined} />
        <FormMessage state={disabled} />
        <Button type="submit" variant="danger" disabled={disabling} className="self-start">
          {disabling ? 'Checking…' : 'Turn off two-factor authentication'}
        </Button>
      </form>
    </div>
  )
}
