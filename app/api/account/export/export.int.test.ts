import { expect, it } from 'vitest'
import { call } from '@/tests/helpers/http'
import { createTestOrganization, sessionCookie } from '@/tests/helpers/tenants'
import { GET } from './route'

it('exports the signed-in person’s own data, and nothing without a session', async () => {
  const owner = await createTestOrganization('export')
  expect((await call(GET, '/api/account/export')).status).toBe(401)
  const response = await call(GET, '/api/account/export', { cookie: await sessionCookie(owner) })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-disposition')).toContain('attachment')
  expect(response.body).toMatchObject({
    user: { id: owner.userId, email: owner.email },
    organizations: [{ tenantId: owner.ctx.tenantId, role: 'owner' }],
    sessions: [expect.objectContaining({ ip: '127.0.0.1' })],
  })
  expect(JSON.stringify(response.body)).not.toContain('passwordHash')
})
