import { AppError, type AppErrorOptions, type ErrorKind } from '@/lib/errors'

export type ComplianceErrorCode = 'compliance.forbidden'

export class ComplianceError extends AppError {
  constructor(code: ComplianceErrorCode, kind: ErrorKind, message: string, options?: AppErrorOptions) {
    super(code, kind, message, options)
  }
}
