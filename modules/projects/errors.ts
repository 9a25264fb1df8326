import { AppError, type AppErrorOptions, type ErrorKind } from '@/lib/errors'

export type ProjectsErrorCode = 'projects.not_found' | 'projects.name_taken' | 'projects.forbidden' | 'projects.invalid_cursor'

export class ProjectsError extends AppError {
  constructor(code: ProjectsErrorCode, kind: ErrorKind, message: string, options?: AppErrorOptions) {
    super(code, kind, message, options)
  }
}

// Another tenant's project and a project that never existed look the same: 404, never 403.
export const projectNotFound = () => new ProjectsError('projects.not_found', 'not_found', 'There is no such project.')

export const nameTaken = (name: string) =>
  new ProjectsError('projects.name_taken', 'conflict', `A project named "${name}" already exists. Pick another name.`)
