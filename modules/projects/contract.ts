// Schemas and DTOs of the projects module (the worked example). Safe for client components.
import { z } from 'zod'

export const ProjectNameSchema = z
  .string({ error: 'Give the project a name.' })
  .trim()
  .min(1, { error: 'Give the project a name.' })
  .max(80, { error: 'Use at most 80 characters.' })

export const ProjectIdSchema = z.uuid({ error: 'A project id is a UUID, like 3f0c…-….' })

export const CreateProjectInputSchema = z.object({ name: ProjectNameSchema }).strict()
export type CreateProjectInput = z.infer<typeof CreateProjectInputSchema>

export const UpdateProjectInputSchema = z
  .object({
    name: ProjectNameSchema.optional(),
    archived: z.boolean({ error: '`archived` is true or false.' }).optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.archived !== undefined, {
    error: 'Send `name` to rename the project or `archived` to archive or restore it.',
  })
export type UpdateProjectInput = z.infer<typeof UpdateProjectInputSchema>

export const ListProjectsQuerySchema = z.object({
  status: z.enum(['active', 'archived', 'all'], { error: 'status is active, archived or all.' }).default('active'),
  limit: z.coerce
    .number({ error: 'limit is a number.' })
    .int({ error: 'limit is a whole number.' })
    .min(1, { error: 'limit is at least 1.' })
    .max(1000, { error: 'limit is at most 1000.' })
    .default(50),
  cursor: z.string().min(1).max(200).optional(),
})
export type ListProjectsQuery = z.infer<typeof ListProjectsQuerySchema>

export type ProjectDto = {
  id: string
  name: string
  archivedAt: string | null
  createdAt: string
  updatedAt: string
  createdBy: { id: string; name: string | null; email: string } | null
}

export type ProjectPageDto = { items: ProjectDto[]; nextCursor: string | null }
