import { created } from '@/app/_lib/route'
import { tenantRoute } from '@/app/_lib/tenant-route'
import { CreateProjectInputSchema, ListProjectsQuerySchema } from '@/modules/projects/contract'
import * as projects from '@/modules/projects'

export const dynamic = 'force-dynamic'

// GET /api/projects – the active tenant's projects, newest first (?status=active|archived|all&limit=&cursor=)
export const GET = tenantRoute({ query: ListProjectsQuerySchema }, (ctx, { query }) => projects.listProjects(ctx, query))

// POST /api/projects – create a project in the active tenant
export const POST = tenantRoute({ body: CreateProjectInputSchema }, async (ctx, { body }) =>
  created(await projects.createProject(ctx, body)),
)
