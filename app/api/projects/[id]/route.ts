import { z } from 'zod'
import { tenantRoute } from '@/app/_lib/tenant-route'
import { ProjectIdSchema, UpdateProjectInputSchema } from '@/modules/projects/contract'
import * as projects from '@/modules/projects'

export const dynamic = 'force-dynamic'

const Params = z.object({ id: ProjectIdSchema })

// PATCH /api/projects/:id – rename ({ name }), archive or restore ({ archived })
export const PATCH = tenantRoute({ params: Params, body: UpdateProjectInputSchema }, (ctx, { params, body }) =>
  projects.updateProject(ctx, params.id, body),
)

// DELETE /api/projects/:id – archive the project (projects are never destroyed through the API)
export const DELETE = tenantRoute({ params: Params }, (ctx, { params }) => projects.archiveProject(ctx, params.id))
