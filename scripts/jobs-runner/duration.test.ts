import { describe, expect, it } from 'vitest'
import { millisecondsUntil } from './duration'

describe('millisecondsUntil', () => {
  it.each([
    ['300ms', 300],
    ['2s', 2000],
    ['2h45m', 9_900_000],
    ['1d', 86_400_000],
    ['1.5s', 1500],
    ['30', 30_000],
  ])('%s is %d ms', (value, ms) => {
    expect(millisecondsUntil(value)).toBe(ms)
  })

  it('reads an ISO date as the time until then, and refuses nonsense', () => {
    expect(millisecondsUntil('2030-01-01T00:00:10Z', Date.parse('2030-01-01T00:00:00Z'))).toBe(10_000)
    expect(millisecondsUntil('soon')).toBeNull()
  })
})
