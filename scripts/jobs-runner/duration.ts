// Inngest's time strings ("300ms", "2h45m", "1d") and ISO dates, as the SDK sends them for
// step.sleep and Retry-After, turned into milliseconds from now.

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
}

/** Milliseconds until `value` (a time string, an ISO date, or seconds as in Retry-After); null if unreadable. */
export function millisecondsUntil(value: string, now = Date.now()): number | null {
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/g)]
  if (parts.length && parts.map((p) => p[0]).join('') === trimmed) {
    return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * (UNIT_MS[unit ?? ''] ?? 0), 0)
  }
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}
