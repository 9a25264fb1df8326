import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { listMembershipsOfUser } from '@/lib/db'
import { createTestOrganization } from '@/tests/helpers/tenants'
import { cookieForSession, sessionCookieName } from './auth-cookie'
import * as repo from './repo'
import { listSecurityEvents } from './security-events'
import { getSessionFromRequest } from './session'
import { openSession } from './sign-in-session'

const meta = { method: 'password', ip: '10.7.7.7', userAgent: 'vitest' } as const

async function sessionOf(userId: string, sid: string) {
  const cookie = `${sessionCookieName()}=${await cookieForSession({ sid, userId })}`
  return getSessionFromRequest(new Request('http://localhost/', { headers: { cookie } }))
}

describe('opening a session after the first factor', () => {
  it('opens it in the first organization and records the sign-in for the person', async () => {
    const member = await createTestOrganization('open')
    const session = await sessionOf(member.userId, await openSession(member.userId, meta))
    expect(session?.record).toMatchObject({ userId: member.userId, tenantSlug: member.slug, role: 'owner', ip: meta.ip })
    expect((await listSecurityEvents(member.userId))[0]).toMatchObject({ action: 'sign_in', metadata: { method: 'password', organization: member.slug } })
  })

  it('gives someone with no organization left a workspace of their own instead of a dead end, once', async () => {
    const email = `alone-${randomUUID()}@test.local`
    const user = await repo.insertUser({ email, name: 'Ola', passwordHash: null, emailVerified: new Date() })
    const session = await sessionOf(user.id, await openSession(user.id, meta))
    expect(session?.record).toMatchObject({ role: 'owner', tenantSlug: expect.stringMatching(/^ola-s-workspace/) })
    await openSession(user.id, meta)
    expect(await listMembershipsOfUser(user.id, 'test')).toHaveLength(1)
  })

})
