'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import { Button, Field, FormMessage } from '@/app/_components/ui'
import { archiveProjectAction, createProjectAction, renameProjectAction } from './actions'

/** `billingHref`: where this user can upgrade (owners and admins); null for members, who cannot. */
export function CreateProjectForm({ tenant, billingHref }: { tenant: string; billingHref: string | null }) {
  const [state, action, pending] = useActionState(createProjectAction, null)
  const fieldErrors = state && !state.ok && 'fieldErrors' in state ? state.fieldErrors : undefined
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="tenant" value={tenant} />
      <div className="flex items-end gap-3">
        <div className="flex-1">
          <Field label="New project" name="name" placeholder="Website relaunch" required maxLength={80} error={fieldErrors?.name} />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create project'}
        </Button>
      </div>
      <FormMessage state={state} />
      {state && !state.ok && 'upgradeTo' in state && state.upgradeTo ? <UpgradePrompt plan={state.upgradeTo.name} billingHref={billingHref} /> : null}
    </form>
  )
}

function UpgradePrompt({ plan, billingHref }: { plan: string; billingHref: string | null }) {
  return billingHref ? (
    <p className="text-sm">
      <Link href={billingHref} className="font-medium underline">
        Upgrade to {plan}
      </Link>{' '}
      to create more.
    </p>
  ) : (
    <p className="text-sm text-slate-600">Ask an owner or admin of this organization to upgrade to {plan}.</p>
  )
}

export function ProjectRowActions({ tenant, id, name }: { tenant: string; id: string; name: string }) {
  const [renameState, rename, renaming] = useActionState(renameProjectAction, null)
  const [archiveState, archive, archiving] = useActionState(archiveProjectAction, null)
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        <form action={rename} className="flex items-center gap-2">
          <input type="hidden" name="tenant" value={tenant} />
          <input type="hidden" name="id" value={id} />
          <label className="sr-only" htmlFor={`rename-${id}`}>
            New name for {name}
          </label>
          <input id={`rename-${id}`} name="name" defaultValue={name} maxLength={80} className="w-40 rounded-md border border-slate-300 px-2 py-1 text-sm" />
          <Button variant="secondary" type="submit" disabled={renaming}>
            Rename
          </Button>
        </form>
        <form action={archive}>
          <input type="hidden" name="tenant" value={tenant} />
          <input type="hidden" name="id" value={id} />
          <Button variant="danger" type="submit" disabled={archiving} aria-label={`Archive ${name}`}>
            Archive
          </Button>
        </form>
      </div>
      <FormMessage state={renameState?.ok ? null : renameState} />
      <FormMessage state={archiveState?.ok ? null : archiveState} />
    </div>
  )
}
