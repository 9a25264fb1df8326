// Errors that carry a stable code (`module.snake_case`) and a kind. Services throw them; the edge
// (app/_lib) maps the kind to an HTTP status once. Messages are written for the person who sees them.

export type ErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'payment_required'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  payment_required: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
}

export type AppErrorOptions = {
  cause?: unknown
  /** Safe to show to the caller (field errors, limits, which plan lifts a limit). */
  details?: Record<string, unknown>
  headers?: Record<string, string>
}

export class AppError extends Error {
  readonly code: string
  readonly kind: ErrorKind
  readonly details?: Record<string, unknown>
  readonly headers?: Record<string, string>

  constructor(code: string, kind: ErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.kind = kind
    this.details = options.details
    this.headers = options.headers
  }

  get status(): number {
    return STATUS_BY_KIND[this.kind]
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}

/** The shape every JSON error response has. */
export type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } }

export function toErrorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } }
}
