import { serve } from 'inngest/next'
import { inngest } from '@/lib/jobs'
import { billingJobs } from '@/modules/billing'
import { complianceJobs } from '@/modules/compliance'
import { usersJobs } from '@/modules/users'

export const dynamic = 'force-dynamic'

// GET /api/inngest – introspection; PUT – register the functions; POST – Inngest runs a step.
// Every module's jobs.ts array goes in `functions`.
export const { GET, POST, PUT } = serve({ client: inngest, functions: [...usersJobs, ...billingJobs, ...complianceJobs] })
