import { z } from 'zod'
import { tenantEventType } from '@/lib/jobs'

// Events the users module sends (Inngest). Consumers import them from the module's index.

/** An owner asked to delete an organization; users-delete-organization does it. */
export const organizationDeletionRequested = tenantEventType('users/organization.deletion-requested', {
  requestedBy: z.uuid(),
})

/** An organization and everything in it is gone. */
export const organizationDeleted = tenantEventType('users/organization.deleted', {})
