import type { Metadata } from 'next'
import { ActionForm } from '@/app/_components/action-form'
import { InlineAction } from '@/app/_components/inline-action'
import { Card } from '@/app/_components/ui'
import { tenantPage } from '@/app/_lib/tenant-page'
import * as users from '@/modules/users'
import { changeRoleAction, deleteOrganizationAction, exportOrganizationAction, inviteAction, transferOwnershipAction, removeMemberAction, resendInvitationAction, revokeInvitationAction } from './actions'

export const metadata: Metadata = { title: 'Members' }

const ROLES = ['member', 'admin', 'owner'] as const

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  const { ctx } = await tenantPage(slug)
  const manage = users.can(ctx.role, 'members.invite')
  const [members, invitations] = await Promise.all([users.listMembers(ctx), manage ? users.listInvitations(ctx) : Promise.resolve([])])
  const tenant = { tenant: slug }
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Members</h1>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Members">
        {members.map((m) => (
          <li key={m.userId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div>
              <p className="font-medium">{m.name ?? m.email}</p>
              <p className="text-sm text-slate-500">
                {m.email} · {m.role}
              </p>
            </div>
            {manage && m.userId !== ctx.userId ? (
              <div className="flex items-center gap-2">
                <InlineAction action={changeRoleAction} hidden={{ ...tenant, userId: m.userId }} label="Change role">
                  <label className="sr-only" htmlFor={`role-${m.userId}`}>
                    Role of {m.email}
                  </label>
                  <select id={`role-${m.userId}`} name="role" defaultValue={m.role} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
                    {ROLES.map((role) => (
                      <option key={role}>{role}</option>
                    ))}
                  </select>
                </InlineAction>
                <InlineAction action={removeMemberAction} hidden={{ ...tenant, userId: m.userId }} label="Remove" variant="danger" />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {manage ? (
        <>
          <Card>
            <h2 className="mb-4 text-lg font-medium">Invite someone</h2>
            <ActionForm
              action={inviteAction}
              schema="invite"
              hidden={{ ...tenant, role: 'member' }}
              fields={[{ name: 'email', label: 'Email to invite', type: 'email', autoComplete: 'off' }]}
              submitLabel="Send invitation"
              pendingLabel="Sending…"
            />
          </Card>
          {invitations.length > 0 ? (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Pending invitations">
              {invitations.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                  <span>
                    {i.email} · {i.role} · until {new Date(i.expiresAt).toLocaleDateString('en', { dateStyle: 'medium' })}
                  </span>
                  <div className="flex gap-2">
                    <InlineAction action={resendInvitationAction} hidden={{ ...tenant, id: i.id }} label="Resend" />
                    <InlineAction action={revokeInvitationAction} hidden={{ ...tenant, id: i.id }} label="Revoke" variant="danger" />
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {users.can(ctx.role, 'organization.transfer') && members.length > 1 ? (
        <Card>
          <h2 className="mb-2 text-lg font-medium">Transfer ownership</h2>
          <p className="mb-4 text-sm text-slate-600">The member you choose becomes owner; you stay on as an admin.</p>
          <InlineAction action={transferOwnershipAction} hidden={tenant} label="Transfer ownership" variant="danger">
            <label className="sr-only" htmlFor="transfer-to">
              New owner
            </label>
            <select id="transfer-to" name="userId" className="rounded-md border border-slate-300 px-2 py-1 text-sm">
              {members
                .filter((m) => m.userId !== ctx.userId)
                .map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.email}
                  </option>
                ))}
            </select>
          </InlineAction>
        </Card>
      ) : null}
      {users.can(ctx.role, 'organization.export') ? (
        <Card>
          <h2 className="mb-2 text-lg font-medium">Export this organization</h2>
          <p className="mb-4 text-sm text-slate-600">
            One JSON file with the organization, its members and invitations, every project, the billing state and the audit log, emailed to you
            as a link that works for 24 hours.
          </p>
          <InlineAction action={exportOrganizationAction} hidden={tenant} label="Email me an export" />
        </Card>
      ) : null}
      {users.can(ctx.role, 'organization.delete') ? (
        <Card>
          <h2 className="mb-2 text-lg font-medium text-red-700">Delete this organization</h2>
          <p className="mb-4 text-sm text-slate-600">Every project, member and record of {slug} is deleted. This cannot be undone.</p>
          <ActionForm
            action={deleteOrganizationAction}
            hidden={tenant}
            fields={[{ name: 'confirm', label: `Type ${slug} to confirm`, autoComplete: 'off' }]}
            submitLabel="Delete organization"
            pendingLabel="Deleting…"
          />
        </Card>
      ) : null}
    </div>
  )
}
