'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { runTenantAction, type ActionState } from '@/app/_lib/action'
import { CreateProjectInputSchema, ProjectIdSchema, ProjectNameSchema } from '@/modules/projects/contract'
import * as projects from '@/modules/projects'

export async function createProjectAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runTenantAction(CreateProjectInputSchema.extend({ tenant: z.string() }).strict(), formData, async (ctx, { name }) => {
    await projects.createProject(ctx, { name })
    revalidatePath(`/t/${ctx.tenantSlug}/projects`)
    return { ok: true, message: `Created “${name}”.` }
  })
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
