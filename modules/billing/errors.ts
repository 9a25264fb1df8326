import { AppError, type AppErrorOptions, type ErrorKind } from '@/lib/errors'

export type BillingErrorCode = 'billing.limit_reached'

export class BillingError extends AppError {
  constructor(code: BillingErrorCode, kind: ErrorKind, message: string, options?: AppErrorOptions) {
    super(code, kind, message, options)
  }
}
