import 'server-only'
import { Inngest } from 'inngest'
import { moduleLogger } from '../logger'

// The one Inngest client. Functions live in each module's jobs.ts and are served by
// app/api/inngest/route.ts. Mode: INNGEST_DEV=1 (or the dev server's URL) locally; otherwise cloud,
// which needs INNGEST_EVENT_KEY to send and INNGEST_SIGNING_KEY to serve.
// NOTE: read from process.env, not getEnv(): the client is built when a route module is imported,
// including during `next build`, where the rest of the server environment may be missing.
// lib/env.ts still validates these keys at boot.

const devSetting = process.env.INNGEST_DEV?.trim()

export const inngest = new Inngest({
  id: 'tenantkit',
  // `undefined`, not `false`: false would force cloud mode even where INNGEST_DEV says otherwise.
  isDev: devSetting && devSetting !== '0' && devSetting !== 'false' ? true : undefined,
  eventKey: process.env.INNGEST_EVENT_KEY?.trim() || undefined,
  signingKey: process.env.INNGEST_SIGNING_KEY?.trim() || undefined,
  logger: moduleLogger('inngest'),
})

export type JobsClient = typeof inngest
