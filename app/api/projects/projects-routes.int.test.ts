import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { call } from '@/tests/helpers/http'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { addTestMember, createTestOrganization, sessionCookie, type TestMember } from '@/tests/helpers/tenants'
import { DELETE, PATCH } from './[id]/route'
import { GET, POST } from './route'

let owner: TestMember
let cookie: string

beforeAll(async () => {
  owner = await createTestOrganization('routes')
  cookie = await sessionCookie(owner)
})

describe('/api/projects', () => {
  it('answers 401 without a session, and with a forged cookie', async () => {
    expect((await call(GET, '/api/projects')).status).toBe(401)
    const forged = await call(GET, '/api/projects', { cookie: 'authjs.session-token=not-a-jwt' })
    expect(forged.status).toBe(401)
    expect(forged.body).toMatchObject({ error: { code: 'users.unauthenticated' } })
  })

  it('creates a project (201) and lists it with its creator', async () => {
    const created = await call(POST, '/api/projects', { method: 'POST', cookie, json: { name: 'Launch' } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'Launch', archivedAt: null, createdBy: { id: owner.userId, email: owner.email } })
    const listed = await call(GET, '/api/projects', { cookie })
    expect(listed.status).toBe(200)
    expect(listed.headers.get('RateLimit-Limit')).toBeTruthy()
    expect((listed.body?.items as { name: string }[]).map((p) => p.name)).toContain('Launch')
  })

  it('records the change in the audit log with the caller and their IP', async () => {
    // Its own organization: the Free plan's project limit is shared by every test of this file.
    const auditor = await createTestOrganization('audit')
    const created = await call(POST, '/api/projects', {
      method: 'POST',
      cookie: await sessionCookie(auditor),
      json: { name: 'Audited' },
      headers: { 'x-forwarded-for': '203.0.113.7' },
    })
    const rows = await withClient(adminUrlForWorkerDb(), async (c) =>
      (await c.query(`select action, "actorId", ip from "AuditEvent" where "targetId" = $1`, [created.body?.id])).rows,
    )
    expect(rows).toEqual([{ action: 'project.created', actorId: auditor.userId, ip: '203.0.113.7' }])
  })

  it('answers 400 with a readable zod message on bad input', async () => {
    const empty = await call(POST, '/api/projects', { method: 'POST', cookie, json: { name: '   ' } })
    expect(empty.status).toBe(400)
    expect(empty.body).toMatchObject({ error: { code: 'request.invalid_body', message: 'name: Give the project a name.' } })
    const extra = await call(POST, '/api/projects', { method: 'POST', cookie, json: { name: 'x', tenantId: randomUUID() } })
    expect(extra.status).toBe(400)
    const notJson = await call(POST, '/api/projects', { method: 'POST', cookie, body: '{', headers: { 'content-type': 'application/json' } })
    expect(notJson.body).toMatchObject({ error: { code: 'request.invalid_json' } })
    const badQuery = await call(GET, '/api/projects?limit=5000', { cookie })
    expect(badQuery.status).toBe(400)
    expect(badQuery.body).toMatchObject({ error: { message: 'limit: limit is at most 1000.' } })
    const badId = await call(PATCH, '/api/projects/nope', { method: 'PATCH', cookie, json: { name: 'x' }, params: { id: 'nope' } })
    expect(badId.status).toBe(400)
  })

  it('answers 409 when the name is taken in this tenant', async () => {
    await call(POST, '/api/projects', { method: 'POST', cookie, json: { name: 'Twice' } })
    const again = await call(POST, '/api/projects', { method: 'POST', cookie, json: { name: 'Twice' } })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ error: { code: 'projects.name_taken' } })
  })

  it('renames, archives (DELETE) and restores', async () => {
    const created = await call(POST, '/api/projects', { method: 'POST', cookie, json: { name: 'Old name' } })
    const id = created.body?.id as string
    const renamed = await call(PATCH, `/api/projects/${id}`, { method: 'PATCH', cookie, json: { name: 'New name' }, params: { id } })
    expect(renamed.body).toMatchObject({ id, name: 'New name' })
    const archived = await call(DELETE, `/api/projects/${id}`, { method: 'DELETE', cookie, params: { id } })
    expect(archived.status).toBe(200)
    expect(archived.body?.archivedAt).toEqual(expect.any(String))
    const active = await call(GET, '/api/projects', { cookie })
    expect((active.body?.items as { id: string }[]).map((p) => p.id)).not.toContain(id)
    const restored = await call(PATCH, `/api/projects/${id}`, { method: 'PATCH', cookie, json: { archived: false }, params: { id } })
    expect(restored.body).toMatchObject({ archivedAt: null })
  })

  it("answers 404, never 403, for another tenant's project", async () => {
    const stranger = await createTestOrganization('stranger')
    const theirs = await call(POST, '/api/projects', { method: 'POST', cookie: await sessionCookie(stranger), json: { name: 'Secret' } })
    const id = theirs.body?.id as string
    for (const [handler, method, json] of [
      [PATCH, 'PATCH', { name: 'Mine now' }],
      [DELETE, 'DELETE', undefined],
    ] as const) {
      const response = await call(handler, `/api/projects/${id}`, { method, cookie, json, params: { id } })
      expect(response.status).toBe(404)
      expect(response.body).toMatchObject({ error: { code: 'projects.not_found' } })
    }
    const listed = await call(GET, '/api/projects?status=all&limit=1000', { cookie })
    expect((listed.body?.items as { id: string }[]).map((p) => p.id)).not.toContain(id)
  })

  it('lets a member create but not archive what someone else created (403)', async () => {
    const member = await addTestMember(owner, 'member')
    const memberCookie = await sessionCookie(member)
    const ownersProject = await call(POST, '/api/projects', { method: 'POST', cookie, json: { name: `Owner's ${randomUUID()}` } })
    const id = ownersProject.body?.id as string
    const refused = await call(DELETE, `/api/projects/${id}`, { method: 'DELETE', cookie: memberCookie, params: { id } })
    expect(refused.status).toBe(403)
    const own = await call(POST, '/api/projects', { method: 'POST', cookie: memberCookie, json: { name: `Member's ${randomUUID()}` } })
    const ownId = own.body?.id as string
    expect((await call(DELETE, `/api/projects/${ownId}`, { method: 'DELETE', cookie: memberCookie, params: { id: ownId } })).status).toBe(200)
  })

  it('answers 402 with the plan that lifts the limit past the Free project limit', async () => {
    const small = await createTestOrganization('limits')
    const smallCookie = await sessionCookie(small)
    for (let i = 0; i < 5; i++) {
      expect((await call(POST, '/api/projects', { method: 'POST', cookie: smallCookie, json: { name: `P${i}` } })).status).toBe(201)
    }
    const over = await call(POST, '/api/projects', { method: 'POST', cookie: smallCookie, json: { name: 'P5' } })
    expect(over.status).toBe(402)
    expect(over.body).toMatchObject({
      error: { code: 'billing.limit_reached', message: 'The Free plan includes 5 active projects. Upgrade to Pro for 50.', details: { upgradeTo: 'pro' } },
    })
  })
})
