import { describe, expect, it } from 'vitest'
import { changeRole } from '@/modules/users'
import { call } from '@/tests/helpers/http'
import { addTestMember, createTestOrganization, sessionCookie } from '@/tests/helpers/tenants'
import { GET } from './route'

const get = (path: string, cookie: string) => GET(new Request(`http://localhost:3000${path}`, { headers: { cookie } }), { params: Promise.resolve({}) })

describe('GET /api/audit', () => {
  it("downloads the organization's audit log as CSV for owners and admins, and nothing of another tenant", async () => {
    const owner = await createTestOrganization('audit-export')
    const member = await addTestMember(owner, 'member')
    await changeRole(owner.ctx, member.userId, 'admin')
    const other = await createTestOrganization('audit-export-other')
    const otherMember = await addTestMember(other, 'member')
    await changeRole(other.ctx, otherMember.userId, 'admin')

    const response = await get('/api/audit', await sessionCookie(owner))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="audit-${owner.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"`))
    const lines = (await response.text()).trim().split('\r\n')
    expect(lines[0]).toBe('at,actor,action,target,ip')
    expect(lines.some((l) => l.includes('member.role_changed') && l.includes(member.email))).toBe(true)
    expect(lines.some((l) => l.includes(otherMember.email))).toBe(false)

    const json = await call(GET, '/api/audit?format=json', { cookie: await sessionCookie(owner) })
    expect(json.status).toBe(200)
    expect(Array.isArray(json.body)).toBe(true)
  })

  it('is 403 for members and 400 for an unknown format', async () => {
    const owner = await createTestOrganization('audit-export-roles')
    const member = await addTestMember(owner, 'member')
    expect((await call(GET, '/api/audit', { cookie: await sessionCookie(member) })).status).toBe(403)
    const refused = await call(GET, '/api/audit?format=xml', { cookie: await sessionCookie(owner) })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain('format is csv or json.')
  })
})
