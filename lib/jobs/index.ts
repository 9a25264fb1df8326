// Background jobs: the one Inngest client, typed tenant events, and the context a job runs in.
// Modules define their functions in their own jobs.ts; app/api/inngest/route.ts serves them all.
export { inngest, type JobsClient } from './client'
export { tenantEventType, type EventName } from './events'
export { tenantContextFromEvent } from './tenant-context'
export { sendEvent, resetDevServerProbe, type SendEventResult } from './send-event'
export { reportJobFailure, type JobFailure } from './report-failure'
