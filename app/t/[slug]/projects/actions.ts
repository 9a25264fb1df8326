'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { runTenantAction, type ActionState } from '@/app/_lib/action'
import { isAppError } from '@/lib/errors'
import { PlanIdSchema, type PlanId } from '@/modules/billing/contract'
import * as billing from '@/modules/billing'
import { CreateProjectInputSchema, ProjectIdSchema, ProjectNameSchema } from '@/modules/projects/contract'
import * as projects from '@/modules/projects'

/** A create the plan refused (402) also names the plan that lifts the limit, for the upgrade prompt. */
export type CreateProjectState = ActionState | { ok: false; error: string; upgradeTo: { id: PlanId; name: string } | null }

export async function createProjectAction(_previous: CreateProjectState, formData: FormData): Promise<CreateProjectState> {
  const refused: { upgradeTo?: { id: PlanId; name: string } | null } = {}
  const state = await runTenantAction(CreateProjectInputSchema.extend({ tenant: z.string() }).strict(), formData, async (ctx, { name }) => {
    try {
      await projects.createProject(ctx, { name })
    } catch (error) {
      if (isAppError(error) && error.code === 'billing.limit_reached') {
        const lift = PlanIdSchema.safeParse(error.details?.upgradeTo)
        refused.upgradeTo = lift.success ? { id: lift.data, name: billing.planDto(lift.data).name } : null
      }
      throw error // runTenantAction turns it into the message shown next to the form
    }
    revalidatePath(`/t/${ctx.tenantSlug}/projects`)
    return { ok: true, message: `Created “${name}”.` }
  })
  return state && !state.ok && refused.upgradeTo !== undefined ? { ...state, upgradeTo: refused.upgradeTo } : state
}

const RenameSchema = z.object({ tenant: z.string(), id: ProjectIdSchema, name: ProjectNameSchema })

export async function renameProjectAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runTenantAction(RenameSchema, formData, async (ctx, { id, name }) => {
    await projects.updateProject(ctx, id, { name })
    revalidatePath(`/t/${ctx.tenantSlug}/projects`)
    return { ok: true, message: 'Renamed.' }
  })
}

const ArchiveSchema = z.object({ tenant: z.string(), id: ProjectIdSchema })

export async function archiveProjectAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runTenantAction(ArchiveSchema, formData, async (ctx, { id }) => {
    await projects.archiveProject(ctx, id)
    revalidatePath(`/t/${ctx.tenantSlug}/projects`)
    return { ok: true, message: 'Archived.' }
  })
}
