// The Content-Security-Policy every page is served with, enforced (not report-only). Scripts run only
// with this response's nonce ('strict-dynamic' lets Next's own loader add its chunks): an injected
// <script> or inline handler does nothing. proxy.ts makes a nonce per request; Next puts it on the
// scripts it renders.

export type CspOptions = {
  nonce: string
  /** Development needs eval for React Refresh. */
  dev: boolean
  /** Served over https: ask browsers to upgrade any http subresource. */
  https: boolean
  /** Origins the browser may send data to besides this app (Sentry's ingest, when configured). */
  connect?: string[]
}

// Where a form submission may lead (a redirect after POST counts): this app, the OAuth providers and
// Stripe's hosted pages.
const FORM_TARGETS = ['https://github.com', 'https://accounts.google.com', 'https://checkout.stripe.com', 'https://billing.stripe.com']

export function contentSecurityPolicy({ nonce, dev, https, connect = [] }: CspOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Inline styles carry no script; React's style attributes and the QR code's SVG need them.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${connect.map((origin) => ` ${origin}`).join('')}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${FORM_TARGETS.join(' ')}`,
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

/** The origin of a Sentry DSN (where the browser SDK posts), or null. */
export function dsnOrigin(dsn: string | undefined): string | null {
  if (!dsn) return null
  try {
    return new URL(dsn).origin
  } catch {
    return null
  }
}
