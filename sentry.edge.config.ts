import * as Sentry from '@sentry/nextjs'
import { sentryServerOptions } from './sentry.options'

// Loaded by instrumentation.ts only when SENTRY_DSN is set.
Sentry.init(sentryServerOptions)
