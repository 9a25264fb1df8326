import type { NodeOptions } from '@sentry/nextjs'

// Shared by the Node and Edge runtimes (sentry.server.config.ts, sentry.edge.config.ts).
export const sentryServerOptions: NodeOptions = {
  dsn: process.env.SENTRY_DSN,
  enabled: Boolean(process.env.SENTRY_DSN),
  environment: process.env.SENTRY_ENVIRONMENT ?? process.env.NODE_ENV,
  tracesSampleRate: Number(process.env.SENTRY_TRACES_SAMPLE_RATE ?? 0),
  // v11 collects more by default than v10; cookies and bodies can hold sessions and passwords.
  dataCollection: { cookies: false, httpBodies: [] },
}
