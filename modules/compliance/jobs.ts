import 'server-only'
import { inngest, reportJobFailure, tenantContextFromEvent } from '@/lib/jobs'
import { organizationExportRequested } from './events'
import { deliverOrganizationExport } from './organization-export'

/** Builds an organization's export and emails the link; one at a time per organization. */
export const exportOrganizationJob = inngest.createFunction(
  {
    id: 'compliance-export-organization',
    triggers: [organizationExportRequested],
    concurrency: { key: 'event.data.tenantId', limit: 1 },
    retries: 3,
    onFailure: reportJobFailure,
  },
  async ({ event, step }) =>
    // One step: the file is built and stored in the same breath, so a retry never emails a link to
    // a half-built export; only the small result crosses the step boundary.
    step.run('build-and-deliver', () => deliverOrganizationExport(tenantContextFromEvent(event.data), event.data.requestedBy)),
)

/** Every Inngest function of this module. */
export const complianceJobs = [exportOrganizationJob]
