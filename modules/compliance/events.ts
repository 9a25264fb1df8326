import { z } from 'zod'
import { tenantEventType } from '@/lib/jobs'

/** An owner asked for a copy of the organization's data; compliance-export-organization builds it. */
export const organizationExportRequested = tenantEventType('compliance/organization-export.requested', { requestedBy: z.uuid() })
