import { AppError, type AppErrorOptions, type ErrorKind } from '@/lib/errors'

export type BillingErrorCode =
  | 'billing.limit_reached'
  | 'billing.not_configured'
  | 'billing.missing_signature'
  | 'billing.bad_signature'
  | 'billing.handoff_failed'
  | 'billing.unknown_price'
  | 'billing.customer_mismatch'
  | 'billing.forbidden'
  | 'billing.no_customer'
  | 'billing.plan_not_for_sale'

export class BillingError extends AppError {
  constructor(code: BillingErrorCode, kind: ErrorKind, message: string, options?: AppErrorOptions) {
    super(code, kind, message, options)
  }
}

// 503, not 404: if keys go missing in production, Stripe keeps retrying until they are back.
export const notConfigured = () =>
  new BillingError(
    'billing.not_configured',
    'unavailable',
    'Billing is off: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to receive Stripe webhooks.',
  )
