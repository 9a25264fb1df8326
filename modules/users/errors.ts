import { AppError, type AppErrorOptions, type ErrorKind } from '@/lib/errors'

export type UsersErrorCode =
  | 'users.unauthenticated'
  | 'users.invalid_credentials'
  | 'users.not_a_member'
  | 'users.no_organization'
  | 'users.email_taken'
  | 'users.forbidden'
  | 'users.already_member'
  | 'users.email_unverified'
  | 'users.token_invalid'
  | 'users.token_expired'
  | 'users.token_used'
  | 'users.wrong_password'
  | 'users.last_owner'
  | 'users.confirmation_mismatch'
  | 'users.rate_limited'
  | 'users.sign_in_unavailable'
  | 'users.provider_unavailable'
  | 'users.member_not_found'
  | 'users.invitation_not_found'
  | 'users.invitation_email_mismatch'
  | 'users.reauthentication_required'
  | 'users.export_not_found'
  | 'users.export_too_large'
  | 'users.invalid_code'
  | 'users.not_linked'
  | 'users.password_breached'
  | 'users.two_factor_enabled'
  | 'users.two_factor_not_started'
  | 'users.two_factor_expired'

export class UsersError extends AppError {
  constructor(code: UsersErrorCode, kind: ErrorKind, message: string, options?: AppErrorOptions) {
    super(code, kind, message, options)
  }
}

export const unauthenticated = () =>
  new UsersError('users.unauthenticated', 'unauthorized', 'Sign in to continue.')
