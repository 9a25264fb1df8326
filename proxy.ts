import { NextResponse, type NextRequest } from 'next/server'
import { contentSecurityPolicy, dsnOrigin } from '@/lib/csp'

// Runs before every page (not API routes or static files): a fresh CSP nonce per request, set on the
// request (Next reads it there and puts it on its scripts) and on the response (the browser enforces it).
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
  const sentry = dsnOrigin(process.env.NEXT_PUBLIC_SENTRY_DSN)
  const csp = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === 'development',
    https: request.nextUrl.protocol === 'https:',
    connect: sentry ? [sentry] : [],
  })
  const headers = new Headers(request.headers)
  headers.set('x-nonce', nonce)
  headers.set('content-security-policy', csp)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('content-security-policy', csp)
  return response
}

export const config = {
  matcher: [
    {
      source: '/((?!api|_next/static|_next/image|favicon.ico).*)',
      // Prefetches render nothing a script could run in.
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
