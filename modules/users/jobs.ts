import 'server-only'
import { inngest, reportJobFailure, tenantContextFromEvent } from '@/lib/jobs'
import { organizationDeleted, organizationDeletionRequested } from './events'
import { deleteOrganizationData, endMemberSessions } from './organization-deletion'

// Inngest functions of the users module, served by app/api/inngest/route.ts.

/** Deletes an organization and ends its members' sessions in it. Idempotent: a retry finds nothing left. */
export const deleteOrganizationJob = inngest.createFunction(
  {
    id: 'users-delete-organization',
    triggers: [organizationDeletionRequested],
    concurrency: { key: 'event.data.tenantId', limit: 1 },
    retries: 3,
    onFailure: reportJobFailure,
  },
  async ({ event, step }) => {
    const members = await step.run('delete-organization', () => deleteOrganizationData(tenantContextFromEvent(event.data)))
    await step.run('end-member-sessions', () => endMemberSessions(event.data.tenantId, members))
    await step.sendEvent('announce-organization-deleted', organizationDeleted.create({ tenantId: event.data.tenantId }))
    return { members: members.length }
  },
)

export const usersJobs = [deleteOrganizationJob]
