// Public interface of the compliance module: what an organization's owner can take with them.
// It reads every other module through their public interfaces and owns no table.
import 'server-only'

export { ComplianceError } from './errors'
/** A copy of the organization's data (owners; a background job that emails a link). */
export { buildOrganizationExport, requestOrganizationExport } from './organization-export'
export { organizationExportRequested } from './events'
/** Inngest functions of this module (app/api/inngest/route.ts serves them). */
export { complianceJobs } from './jobs'
