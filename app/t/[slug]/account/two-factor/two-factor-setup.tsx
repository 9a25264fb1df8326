'use client'

import { useActionState } from 'react'
import { Button, Field, FormMessage } from '@/app/_components/ui'
import { beginTwoFactorSetupAction, confirmTwoFactorSetupAction } from './actions'
import { RecoveryCodes } from './recovery-codes'

/** Enrolment: a QR code (and the key, for apps that cannot scan), then one code to prove it works. */
export function TwoFactorSetup() {
  const [setup, begin, starting] = useActionState(beginTwoFactorSetupAction, null)
  const [confirmed, confirm, confirming] = useActionState(confirmTwoFactorSetupAction, null)
  if (confirmed?.ok && confirmed.data) {
    return (
      <div className="flex flex-col gap-3">
        <FormMessage state={confirmed} />
        <RecoveryCodes codes={confirmed.data.recoveryCodes} />
      </div>
    )
  }
  if (!setup?.ok || !setup.data) {
    return (
      <form action={begin} className="flex flex-col gap-3">
        <p className="text-sm text-slate-600">Protect your account with a code from an authenticator app (1Password, Google Authenticator, Authy…).</p>
        <FormMessage state={setup} />
        <Button type="submit" disabled={starting} className="self-start">
          {starting ? 'Preparing…' : 'Set up two-factor authentication'}
        </Button>
      </form>
    )
  }
  const fieldErrors = confirmed && !confirmed.ok ? confirmed.fieldErrors : undefined
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-600">Scan this QR code with your authenticator app, then enter the 6-digit code it shows.</p>
      {/* The SVG is rendered on our server from our own otpauth URI: no user content in it. */}
      <div role="img" aria-label="QR code for your authenticator app" className="h-48 w-48" dangerouslySetInnerHTML={{ __html: setup.data.qrSvg }} />
      <p className="text-sm">
        Can&apos;t scan? Enter this key: <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1">{setup.data.secret}</code>
      </p>
      <form action={confirm} className="flex flex-col gap-3" noValidate>
        <Field label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" required error={fieldErrors?.code} />
        <FormMessage state={confirmed} />
        <Button type="submit" disabled={confirming} className="self-start">
          {confirming ? 'Checking…' : 'Turn on two-factor authentication'}
        </Button>
      </form>
    </div>
  )
}
