import { eventType } from 'inngest'
import { z } from 'zod'
import { tenantEventType } from '@/lib/jobs'

// Events the users module sends (Inngest). Consumers import them from the module's index.

/** An owner asked to delete an organization; users-delete-organization does it. */
export const organizationDeletionRequested = tenantEventType('users/organization.deletion-requested', {
  requestedBy: z.uuid(),
})

/** An organization and everything in it is gone. */
export const organizationDeleted = tenantEventType('users/organization.deleted', {})

/**
 * The seats an organization uses (members plus pending invitations) may have changed. Billing
 * reacts (billing-sync-seat-quantity) by re-counting them; the payload says why, not how many, so
 * an event that arrives late or twice cannot set a stale number.
 */
export const seatsChanged = tenantEventType('users/seats.changed', {
  reason: z.enum(['member_added', 'member_removed', 'member_left', 'invitation_sent', 'invitation_revoked', 'invitation_accepted']),
})
export type SeatsChangeReason = z.infer<typeof seatsChanged.schema>['reason']

// Person-level events (docs/decisions/015-account-deletion.md): they concern one person across
// every organization they belong to, so they carry a userId instead of a tenantId.

/** A person asked to delete their account (sessions already ended); users-delete-account does it. */
export const accountDeletionRequested = eventType('users/account.deletion-requested', { schema: z.object({ userId: z.uuid() }) })

/** A person asked for a copy of their data; users-export-data builds it and emails a link. */
export const dataExportRequested = eventType('users/data-export.requested', { schema: z.object({ userId: z.uuid() }) })
