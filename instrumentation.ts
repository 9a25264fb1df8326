import * as Sentry from '@sentry/nextjs'

// Runs once when a server instance starts: a bad environment stops it here, with every problem
// listed, instead of failing on the first request that needs the missing value.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getEnv } = await import('./lib/env')
    getEnv()
  }
  // NOTE: without a DSN the SDK is not even initialised: its instrumentation costs time on every
  // request whether or not anything is sent.
  if (!process.env.SENTRY_DSN) return
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./sentry.server.config')
  if (process.env.NEXT_RUNTIME === 'edge') await import('./sentry.edge.config')
}

// Errors Next catches itself (rendering, actions); route handlers report through app/_lib.
export const onRequestError = Sentry.captureRequestError
