import * as Sentry from '@sentry/nextjs'

// No DSN, no Sentry: the SDK stays a no-op and the app logs errors as always.
const dsn = process.env.SENTRY_DSN
Sentry.init({
  dsn,
  enabled: Boolean(dsn),
  environment: process.env.SENTRY_ENVIRONMENT ?? process.env.NODE_ENV,
  tracesSampleRate: Number(process.env.SENTRY_TRACES_SAMPLE_RATE ?? 0),
  // v11 collects more by default than v10; cookies and bodies can hold sessions and passwords.
  dataCollection: { cookies: false, httpBodies: [] },
})
