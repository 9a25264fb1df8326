'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { runTenantAction, type ActionState } from '@/app/_lib/action'
import { ChangeRoleInputSchema, InviteMemberInputSchema } from '@/modules/users/contract'
import * as billing from '@/modules/billing'
import * as compliance from '@/modules/compliance'
import * as users from '@/modules/users'

const tenant = z.object({ tenant: z.string() })
const done = (slug: string, message: string): ActionState => {
  revalidatePath(`/t/${slug}/members`)
  return { ok: true, message }
}

export async function inviteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runTenantAction(InviteMemberInputSchema.extend(tenant.shape), formData, async (ctx, input) => {
    await billing.assertSeatAvailable(ctx)
    await users.inviteMember(ctx, { email: input.email, role: input.role })
    return done(ctx.tenantSlug, `Invitation sent to ${input.email}.`)
  })
}

export async function changeRoleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runTenantAction(ChangeRoleInputSchema.extend(tenant.shape), formData, async (ctx, { userId, role }) => {
    await users.changeRole(ctx, userId, role)
    return done(ctx.tenantSlug, 'Role changed.')
  })
}

export async function removeMemberAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runTenantAction(z.object({ userId: z.uuid() }).extend(tenant.shape), formData, async (ctx, { userId }) => {
    await users.removeMember(ctx, userId)
    return done(ctx.tenantSlug, 'Removed.')
  })
}

const InvitationId = z.object({ id: z.uuid() }).extend(tenant.shape)

export async function revokeInvitationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runTenantAction(InvitationId, formData, async (ctx, { id }) => {
    await users.revokeInvitation(ctx, id)
    return done(ctx.tenantSlug, 'Invitation revoked.')
  })
}

export async function resendInvitationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runTenantAction(InvitationId, formData, async (ctx, { id }) => {
    await users.resendInvitation(ctx, id)
    return done(ctx.tenantSlug, 'Invitation sent again.')
  })
}

export async function transferOwnershipAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runTenantAction(z.object({ userId: z.uuid({ error: 'Choose the member to hand the organization to.' }) }).extend(tenant.shape), formData, async (ctx, { userId }) => {
    await users.transferOwnership(ctx, userId)
    return done(ctx.tenantSlug, 'Ownership transferred. You are now an admin.')
  })
}

export async function exportOrganizationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runTenantAction(tenant, formData, async (ctx) => {
    const { queued } = await compliance.requestOrganizationExport(ctx)
    return { ok: true, message: queued ? 'We are preparing the export; a download link will arrive by email in a few minutes.' : 'The export is ready: we emailed you a download link.' }
  })
}

export async function deleteOrganizationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let done = false
  const state = await runTenantAction(z.object({ confirm: z.string() }).extend(tenant.shape), formData, async (ctx, { confirm }) => {
    await users.deleteOrganization(ctx, confirm)
    done = true
  })
  if (done) redirect('/')
  return state
}
