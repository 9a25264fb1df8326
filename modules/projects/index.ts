// Public interface of the projects module: the worked example of a tenant-scoped resource.
import 'server-only'

export type { ProjectDto, ProjectPageDto, CreateProjectInput, UpdateProjectInput, ListProjectsQuery } from './contract'
export { ProjectsError } from './errors'
/** List (paginated, with creators), create, rename/archive/restore, archive. */
export { archiveProject, createProject, listProjects, updateProject } from './service'
