// One load run with autocannon, keeping every response time so the percentiles are exact
// (autocannon's own summary has no p95).
import autocannon from 'autocannon'

export type LoadOptions = { url: string; headers?: Record<string, string>; connections: number; durationSeconds: number }

export type LoadResult = {
  requests: number
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  /** Connection errors, timeouts and non-2xx responses together: the bar is zero. */
  errors: number
  statusCounts: Record<string, number>
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = []
  const statusCounts: Record<string, number> = {}
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: options.url, headers: options.headers, connections: options.connections, duration: options.durationSeconds, timeout: 10 },
      (error, done) => (error ? reject(error) : resolve(done)),
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime)
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1
    })
  })
  times.sort((a, b) => a - b)
  return {
    requests: times.length,
    requestsPerSecond: times.length / options.durationSeconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts + result.non2xx,
    statusCounts,
  }
}
