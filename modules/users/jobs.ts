import 'server-only'
import { inngest, reportJobFailure, tenantContextFromEvent } from '@/lib/jobs'
import {
  deleteUserRecords,
  emailDeletionConfirmation,
  endRemainingSessions,
  findAccountEmail,
  leaveOrganizationForDeletion,
  listOrganizationsToLeave,
} from './account-erasure'
import { accountDeletionRequested, dataExportRequested, organizationDeleted, organizationDeletionRequested } from './events'
import { buildDataExport, emailDataExportLink } from './export'
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

/**
 * Erases an account whose sessions the request already ended (docs/decisions/015-account-deletion.md):
 * organizations where the person is the only member are deleted, the others go on without them, then
 * their security history and the user row go, and the person gets a confirmation. Every step
 * re-reads the database, so a retry or a second run finds nothing left to do (and emails no one).
 */
export const deleteAccountJob = inngest.createFunction(
  {
    id: 'users-delete-account',
    triggers: [accountDeletionRequested],
    concurrency: { key: 'event.data.userId', limit: 1 },
    retries: 5,
    onFailure: reportJobFailure,
  },
  async ({ event, step }) => {
    const { userId } = event.data
    const email = await step.run('find-account', () => findAccountEmail(userId))
    const organizations = await step.run('list-organizations', () => listOrganizationsToLeave(userId))
    const deleted: string[] = []
    let left = 0
    for (const organization of organizations) {
      const { outcome } = await step.run(`leave-${organization.tenantId}`, () => leaveOrganizationForDeletion(userId, organization))
      if (outcome === 'organization_deleted') deleted.push(organization.tenantId)
      if (outcome === 'left') left++
    }
    if (deleted.length > 0) {
      await step.sendEvent('announce-organizations-deleted', deleted.map((tenantId) => organizationDeleted.create({ tenantId })))
    }
    const records = await step.run('delete-user', () => deleteUserRecords(userId))
    await step.run('end-remaining-sessions', () => endRemainingSessions(userId))
    if (email && records.userDeleted) await step.run('email-confirmation', () => emailDeletionConfirmation(email))
    return { organizationsDeleted: deleted.length, organizationsLeft: left, ...records }
  },
)

/** Builds a person's data export, keeps it for a day, and emails them the link. */
export const exportDataJob = inngest.createFunction(
  {
    id: 'users-export-data',
    triggers: [dataExportRequested],
    concurrency: { key: 'event.data.userId', limit: 1 },
    retries: 3,
    onFailure: reportJobFailure,
  },
  async ({ event, step }) => {
    const { userId } = event.data
    // Only the id crosses the step boundary: Inngest stores step results, and the export is personal data.
    const built = await step.run('build-export', () => buildDataExport(userId))
    if (!built) return { exported: false }
    const emailed = await step.run('email-link', () => emailDataExportLink(userId, built.exportId))
    return { exported: true, bytes: built.bytes, emailed }
  },
)

export const usersJobs = [deleteOrganizationJob, deleteAccountJob, exportDataJob]
