import 'server-only'
import * as Sentry from '@sentry/nextjs'
import { z } from 'zod'
import { AppError, isAppError, toErrorBody, type ErrorBody } from '@/lib/errors'
import { logger } from '@/lib/logger'

/** Turns a zod failure into one readable sentence plus the per-field list. */
export function invalidInput(error: z.ZodError, what = 'request'): AppError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
  return new AppError(`request.invalid_${what}`, 'bad_request', message || 'The request is not valid.', { details: { issues } })
}

/**
 * The one place an error becomes a response: AppErrors keep their status and message, anything else
 * is a 500 that says nothing about internals, logged and reported to Sentry once, here.
 */
export function errorResponse(error: unknown, requestId: string): Response {
  const known = normalize(error)
  if (known) {
    if (known.status >= 500) logger.error({ err: error, code: known.code }, known.message)
    return Response.json(toErrorBody(known), { status: known.status, headers: { 'x-request-id': requestId, ...known.headers } })
  }
  logger.error({ err: error }, 'unhandled error')
  Sentry.captureException(error, { tags: { requestId } })
  const body: ErrorBody = {
    error: { code: 'internal', message: `Something went wrong on our side. Quote request id ${requestId} if you contact support.` },
  }
  return Response.json(body, { status: 500, headers: { 'x-request-id': requestId } })
}

function normalize(error: unknown): AppError | null {
  if (isAppError(error)) return error
  if (error instanceof z.ZodError) return invalidInput(error)
  return null
}
