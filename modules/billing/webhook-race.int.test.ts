// Stripe can deliver an event again while its first delivery is still being handled. Found by the
// webhook benchmark: the two inserts of one event id raced and the loser answered 500 (a unique
// violation on StripeEvent). Recording an event id must hold under any concurrency.
import { describe, expect, it } from 'vitest'
import { fakeId } from '@/tests/helpers/fake-stripe'
import { markStripeEventHandedOff, recordStripeEvent } from './repo'

describe('recording a Stripe event id', () => {
  it('answers every concurrent delivery of one event, never a unique violation', async () => {
    // Ten rounds of ten simultaneous deliveries: before the fix about a third of them failed.
    for (let round = 0; round < 10; round++) {
      const id = fakeId('evt')
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => recordStripeEvent(id, 'customer.subscription.updated')))
      expect(results.filter((r) => r.status === 'rejected')).toEqual([])
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : null))).toEqual(Array(10).fill({ handedOffAt: null }))
    }
  })

  it('a delivery racing a finished hand-over sees it as handed over', async () => {
    const id = fakeId('evt')
    await recordStripeEvent(id, 'invoice.paid')
    await markStripeEventHandedOff(id)
    const again = await Promise.all(Array.from({ length: 5 }, () => recordStripeEvent(id, 'invoice.paid')))
    for (const row of again) expect(row.handedOffAt).toBeInstanceOf(Date)
  })
})
