import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, dsnOrigin } from './csp'

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]))

describe('content security policy', () => {
  it('lets scripts run only with the nonce in production: no unsafe-inline, no eval, no plugins, no framing', () => {
    const csp = directives(contentSecurityPolicy({ nonce: 'abc123', dev: false, https: true }))
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'self'"])
    expect(csp.has('upgrade-insecure-requests')).toBe(true)
  })

  it('allows eval only in development, and https upgrades only over https', () => {
    const csp = directives(contentSecurityPolicy({ nonce: 'n', dev: true, https: false }))
    expect(csp.get('script-src')).toContain("'unsafe-eval'")
    expect(csp.has('upgrade-insecure-requests')).toBe(false)
  })

  it("lets the browser reach Sentry's ingest only when a DSN is set", () => {
    expect(dsnOrigin('https://key@o1.ingest.sentry.io/42')).toBe('https://o1.ingest.sentry.io')
    expect(dsnOrigin(undefined)).toBeNull()
    expect(dsnOrigin('not a url')).toBeNull()
    const csp = directives(contentSecurityPolicy({ nonce: 'n', dev: false, https: true, connect: ['https://o1.ingest.sentry.io'] }))
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://o1.ingest.sentry.io'])
  })
})
