import 'server-only'
import pino from 'pino'
import { getRequestContext } from './request-context'

// Plain JSON to stdout, no transport: Vercel collects stdout, and transport worker threads lose
// lines when a serverless function freezes. Pretty output is a pipe (`npm run dev` does it).
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'tenantkit' },
  timestamp: pino.stdTimeFunctions.isoTime,
  // Every line carries the request, tenant and user it belongs to, without passing loggers around.
  mixin: () => ({ ...getRequestContext() }),
  redact: {
    paths: [
      'password',
      '*.password',
      'newPassword',
      '*.newPassword',
      'token',
      '*.token',
      'secret',
      '*.secret',
      'authorization',
      '*.authorization',
      'headers.authorization',
      'headers.cookie',
      'cookie',
      '*.cookie',
      'req.headers.authorization',
      'req.headers.cookie',
      'DATABASE_URL',
      'DIRECT_DATABASE_URL',
    ],
    censor: '[redacted]',
  },
})

export type Logger = pino.Logger

export function moduleLogger(module: string): Logger {
  return logger.child({ module })
}
