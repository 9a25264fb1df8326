import { randomBytes } from 'node:crypto'
import { expect, it, vi } from 'vitest'
import { inngest } from '@/lib/jobs'
import { getRedis } from '@/lib/redis'
import { lastEmailTo } from '@/tests/helpers/outbox'
import { call } from '@/tests/helpers/http'
import { createTestOrganization, sessionCookie } from '@/tests/helpers/tenants'
import { buildDataExport, emailDataExportLink } from '@/modules/users/export'
import { GET } from './[id]/route'
import { POST } from './route'

it('POST asks for an export (202, a job does the work), and nothing without a session', async () => {
  const person = await createTestOrganization('export-route')
  expect((await call(POST, '/api/account/export', { method: 'POST' })).status).toBe(401)
  const send = vi.spyOn(inngest, 'send').mockResolvedValue({ ids: ['evt_test'] })
  try {
    const response = await call(POST, '/api/account/export', { method: 'POST', cookie: await sessionCookie(person) })
    expect(response.status).toBe(202)
    expect(response.body).toEqual({ queued: true })
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ name: 'users/data-export.requested', data: { userId: person.userId } }))
  } finally {
    send.mockRestore()
  }
})

it('GET /api/account/export/<id> serves the export to its owner only: 404 for anyone else, 400 for a malformed id', async () => {
  const person = await createTestOrganization('export-download')
  const stranger = await createTestOrganization('export-stranger')
  const built = await buildDataExport(person.userId)
  expect(built).not.toBeNull()
  await emailDataExportLink(person.userId, built?.exportId ?? '')
  const link = (await lastEmailTo(person.email))?.text.match(/http:\/\/localhost:3000(\/api\/account\/export\/[A-Za-z0-9_-]{43})/)
  const path = link?.[1] ?? ''
  const id = path.split('/').at(-1) ?? ''
  expect(id).toBe(built?.exportId)

  expect((await call(GET, path, { params: { id } })).status).toBe(401)
  const mine = await call(GET, path, { params: { id }, cookie: await sessionCookie(person) })
  expect(mine.status).toBe(200)
  expect(mine.headers.get('content-disposition')).toContain('attachment')
  expect(mine.headers.get('cache-control')).toContain('no-store')
  expect(mine.body).toMatchObject({ user: { id: person.userId, email: person.email }, organizations: [{ tenantId: person.ctx.tenantId, role: 'owner' }] })

  const theirs = await call(GET, path, { params: { id }, cookie: await sessionCookie(stranger) })
  expect(theirs.status).toBe(404)
  expect(theirs.body).toMatchObject({ error: { code: 'users.export_not_found' } })
  expect(JSON.stringify(theirs.body)).not.toContain(person.email)

  const guessed = randomBytes(32).toString('base64url')
  expect((await call(GET, `/api/account/export/${guessed}`, { params: { id: guessed }, cookie: await sessionCookie(person) })).status).toBe(404)
  const malformed = await call(GET, '/api/account/export/nope', { params: { id: 'nope' }, cookie: await sessionCookie(person) })
  expect(malformed.status).toBe(400)
  expect(malformed.body).toMatchObject({ error: { message: expect.stringContaining('This is not a data export link.') } })
})

it('an expired export is a 404', async () => {
  const person = await createTestOrganization('export-expired')
  const built = await buildDataExport(person.userId)
  const id = built?.exportId ?? ''
  const cookie = await sessionCookie(person)
  expect((await call(GET, `/api/account/export/${id}`, { params: { id }, cookie })).status).toBe(200)
  // What the TTL does after a day, done now: the key is gone.
  for (const key of await getRedis().keys(`tenantkit:export:${person.userId}:*`)) await getRedis().del(key)
  expect((await call(GET, `/api/account/export/${id}`, { params: { id }, cookie })).status).toBe(404)
})
