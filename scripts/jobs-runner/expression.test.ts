import { describe, expect, it } from 'vitest'
import { compileExpression } from './expression'

const event = { name: 'billing/stripe-event.received', data: { tenantId: 't-1', plan: 'pro', seats: 3, nested: { ok: true } } }

describe('compileExpression', () => {
  it.each([
    ["event.data.plan == 'pro'", true],
    ['event.data.plan == "team"', false],
    ["event.data.plan != 'pro'", false],
    ['event.data.seats == 3 && event.data.nested.ok', true],
    ["event.data.plan == 'team' || (event.data.seats == 3 && !false)", true],
    ["event.name == 'billing/stripe-event.received'", true],
  ])('%s is %s', (source, expected) => {
    expect(compileExpression(source)({ event })).toBe(expected)
  })

  it('builds concurrency keys, concatenating with +', () => {
    expect(compileExpression('event.data.tenantId')({ event })).toBe('t-1')
    expect(compileExpression('event.data.tenantId + "-" + event.data.plan')({ event })).toBe('t-1-pro')
    expect(compileExpression("'ai'")({ event })).toBe('ai')
  })

  it('reads the failure handlers’ trigger', () => {
    const matches = compileExpression("event.data.function_id == 'tenantkit-users-delete-organization'")
    expect(matches({ event: { data: { function_id: 'tenantkit-users-delete-organization' } } })).toBe(true)
    expect(matches({ event: { data: { function_id: 'tenantkit-billing-sync-subscription' } } })).toBe(false)
  })

  it.each(['size(event.data.items) > 2', 'event.data.seats > 2', "event.data.plan == 'pro' &&", 'event.data.plan in ["pro"]'])(
    'refuses %s instead of guessing',
    (source) => {
      expect(() => compileExpression(source)).toThrow(/cannot evaluate/)
    },
  )
})
