import * as Sentry from '@sentry/nextjs'

// Runs once when a server instance starts: a bad environment stops it here, with every problem
// listed, instead of failing on the first request that needs the missing value.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getEnv } = await import('./lib/env')
    getEnv()
    await import('./sentry.server.config')
  }
  if (process.env.NEXT_RUNTIME === 'edge') await import('./sentry.edge.config')
}

// Errors Next catches itself (rendering, actions); route handlers report through app/_lib.
export const onRequestError = Sentry.captureRequestError
