import 'server-only'
import { isRecordNotFound, isUniqueViolation, recordAuditEvent, withTenant } from '@/lib/db'
import type { TenantContext } from '@/lib/tenant-context'
import { recordUsage } from '@/modules/analytics'
import { assertWithinLimit } from '@/modules/billing'
import { getUserSummaries } from '@/modules/users'
import type { CreateProjectInput, ListProjectsQuery, ProjectDto, ProjectPageDto, UpdateProjectInput } from './contract'
import { decodeCursor, encodeCursor } from './cursor'
import { nameTaken, projectNotFound, ProjectsError } from './errors'
import * as repo from './repo'

/**
 * A page of the tenant's projects with their creators. Two queries whatever the page size: the
 * projects, then every creator on the page at once (never one lookup per row).
 */
export async function listProjects(ctx: TenantContext, query: ListProjectsQuery): Promise<ProjectPageDto> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined
  const archived = { active: false, archived: true, all: null }[query.status]
  // One row more than asked tells whether another page exists.
  const rows = await withTenant(ctx, (tx) => repo.listProjects(tx, { archived, limit: query.limit + 1, after }))
  const page = rows.slice(0, query.limit)
  const creators = await getUserSummaries(page.flatMap((row) => (row.createdById ? [row.createdById] : [])))
  const last = page.at(-1)
  return {
    items: page.map((row) => toDto(row, creators)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  }
}

/** Creates a project; the plan's project limit applies to active (not archived) projects. */
export async function createProject(ctx: TenantContext, input: CreateProjectInput): Promise<ProjectDto> {
  const row = await withTenant(ctx, async (tx) => {
    await assertWithinLimit(tx, 'projects', await repo.countActiveProjects(tx))
    const project = await repo.insertProject(tx, { tenantId: ctx.tenantId, name: input.name, createdById: ctx.userId })
    await recordAuditEvent(tx, audit(ctx, 'project.created', project.id, { name: input.name }))
    return project
  }).catch(rethrowNameTaken(input.name))
  await recordUsage(ctx, 'projects_created')
  return toDto(row, await getUserSummaries(row.createdById ? [row.createdById] : []))
}

/** Renames, archives or restores a project. Archiving is for admins, owners and the creator. */
export async function updateProject(ctx: TenantContext, id: string, input: UpdateProjectInput): Promise<ProjectDto> {
  const row = await withTenant(ctx, async (tx) => {
    const project = await repo.findProject(tx, id)
    if (!project) throw projectNotFound()
    if (input.archived !== undefined && !mayArchive(ctx, project)) {
      throw new ProjectsError('projects.forbidden', 'forbidden', 'Only admins, owners and the project creator can archive or restore it.')
    }
    if (input.archived === false && project.archivedAt) {
      await assertWithinLimit(tx, 'projects', await repo.countActiveProjects(tx))
    }
    const archivedAt = input.archived === undefined ? undefined : input.archived ? (project.archivedAt ?? new Date()) : null
    const updated = await repo.updateProject(tx, id, { name: input.name, archivedAt })
    await recordAuditEvent(tx, audit(ctx, auditAction(input), id, { ...input }))
    return updated
  }).catch(rethrowNameTaken(input.name ?? ''))
  return toDto(row, await getUserSummaries(row.createdById ? [row.createdById] : []))
}

/** Archives a project (the DELETE of the API): projects are never destroyed by a request. */
export function archiveProject(ctx: TenantContext, id: string): Promise<ProjectDto> {
  return updateProject(ctx, id, { archived: true })
}

function mayArchive(ctx: TenantContext, project: repo.ProjectRow): boolean {
  return ctx.role === 'owner' || ctx.role === 'admin' || (ctx.userId !== null && project.createdById === ctx.userId)
}

function auditAction(input: UpdateProjectInput): string {
  if (input.archived === true) return 'project.archived'
  if (input.archived === false) return 'project.restored'
  return 'project.renamed'
}

function audit(ctx: TenantContext, action: string, projectId: string, metadata: Record<string, string | boolean | undefined>) {
  const clean = Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined)) as Record<string, string | boolean>
  return { tenantId: ctx.tenantId, actorId: ctx.userId, action, targetType: 'project', targetId: projectId, metadata: clean }
}

function rethrowNameTaken(name: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error, 'name')) throw nameTaken(name)
    if (isRecordNotFound(error)) throw projectNotFound()
    throw error
  }
}

function toDto(row: repo.ProjectRow, creators: Map<string, { id: string; name: string | null; email: string }>): ProjectDto {
  return {
    id: row.id,
    name: row.name,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: (row.createdById && creators.get(row.createdById)) || null,
  }
}
