import { afterEach, beforeEach, vi } from 'vitest'

// A test that makes the code log to console.error fails, unless it says it expects that
// (expectConsoleError()). Unnoticed errors in passing tests are how regressions hide.
let unexpected: unknown[][] = []
let expected = false

beforeEach(() => {
  unexpected = []
  expected = false
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (!expected) unexpected.push(args)
  })
})

afterEach(() => {
  vi.mocked(console.error).mockRestore()
  if (unexpected.length > 0) {
    const first = unexpected[0]?.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')
    throw new Error(`console.error was called ${unexpected.length} time(s) unexpectedly; first: ${first}`)
  }
})

export function expectConsoleError(): void {
  expected = true
}
