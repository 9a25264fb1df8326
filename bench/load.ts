// One load run with autocannon, keeping every response time so the percentiles are exact
// (autocannon's own summary has no p95). The first `warmupSeconds` run on the same connections
// but are not counted: a fresh burst of hundreds of connections on a 2-core machine leaves a few
// of the very first requests waiting in the accept queue (seen with a bare node:http server too).
import autocannon from 'autocannon'
import { stripeWebhookRequests, type WebhookLoad } from './stripe-webhooks'

export type LoadOptions = {
  url: string
  headers?: Record<string, string>
  /** Signed Stripe webhook deliveries instead of a plain GET (bench/stripe-webhooks.ts). */
  stripeWebhooks?: WebhookLoad
  connections: number
  warmupSeconds: number
  durationSeconds: number
}

export type LoadResult = {
  requests: number
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  /** Connection errors, timeouts and non-2xx responses in the measured window: the bar is zero. */
  errors: number
  errorMessages: Record<string, number>
  statusCounts: Record<string, number>
}

const TIMEOUT_SECONDS = 30

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const windowStart = options.warmupSeconds * 1000
  const windowEnd = windowStart + options.durationSeconds * 1000
  const times: number[] = []
  const statusCounts: Record<string, number> = {}
  const errorMessages: Record<string, number> = {}
  let errors = 0
  const started = performance.now()
  const inWindow = () => {
    const t = performance.now() - started
    return t >= windowStart && t < windowEnd
  }
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        headers: options.headers,
        connections: options.connections,
        duration: options.warmupSeconds + options.durationSeconds,
        timeout: TIMEOUT_SECONDS,
        ...(options.stripeWebhooks ? { method: 'POST' as const, requests: [{ setupRequest: stripeWebhookRequests(options.stripeWebhooks) }] } : {}),
      },
      (error) => (error ? reject(error) : resolve()),
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (!inWindow()) return
      times.push(responseTime)
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1
      if (statusCode < 200 || statusCode > 299) errors++
    })
    // NOTE: requests still in flight when the run stops are reported as timed out; those fall
    // after the window and are not counted.
    instance.on('reqError', (error: Error) => {
      if (!inWindow()) return
      errors++
      errorMessages[error.message] = (errorMessages[error.message] ?? 0) + 1
    })
  })
  times.sort((a, b) => a - b)
  return {
    requests: times.length,
    requestsPerSecond: times.length / options.durationSeconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors,
    errorMessages,
    statusCounts,
  }
}
