import { describe, expect, it } from 'vitest'
import { scriptBody, stripUpstashOnlyFlags } from './lua-shebang'

describe('stripUpstashOnlyFlags', () => {
  it('drops the flag and the empty flags= it leaves', () => {
    expect(stripUpstashOnlyFlags('#!lua flags=allow-key-locking\nreturn 1')).toBe('#!lua\nreturn 1')
  })

  it('keeps the other flags in order', () => {
    expect(stripUpstashOnlyFlags('#!lua flags=no-writes,allow-key-locking,allow-stale\nreturn 1')).toBe(
      '#!lua flags=no-writes,allow-stale\nreturn 1',
    )
  })

  it('returns the very same string when there is nothing to strip', () => {
    for (const script of ['return 1', '#!lua\nreturn 1', '#!lua flags=no-writes\nreturn 1', '']) {
      expect(stripUpstashOnlyFlags(script)).toBe(script)
    }
  })

  it('only reads the shebang line, not a flag-like text in the body', () => {
    const script = 'return "#!lua flags=allow-key-locking"'
    expect(stripUpstashOnlyFlags(script)).toBe(script)
  })

  it('handles a script that is only a shebang line', () => {
    expect(stripUpstashOnlyFlags('#!lua flags=allow-key-locking')).toBe('#!lua')
  })
})

describe('scriptBody', () => {
  it('drops the shebang line only', () => {
    expect(scriptBody('#!lua flags=x\nlocal a = 1\nreturn a')).toBe('local a = 1\nreturn a')
    expect(scriptBody('return 1')).toBe('return 1')
  })
})
