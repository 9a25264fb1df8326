import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { inviteMember } from '@/modules/users'
import { addTestMember, createTestOrganization } from '@/tests/helpers/tenants'
import { assertSeatAvailable } from './seats'

describe('seats', () => {
  it('counts members and pending invitations against the plan, and names the plan that lifts it', async () => {
    const owner = await createTestOrganization('seats') // Free: 3 seats
    await addTestMember(owner, 'member')
    await assertSeatAvailable(owner.ctx)
    await inviteMember(owner.ctx, { email: `seat-${randomUUID()}@test.local`, role: 'member' })
    await expect(assertSeatAvailable(owner.ctx)).rejects.toMatchObject({
      code: 'billing.limit_reached',
      kind: 'payment_required',
      message: 'The Free plan includes 3 members. Upgrade to Pro for 10.',
      details: { entitlement: 'seats', upgradeTo: 'pro' },
    })
  })
})
