import { randomBytes } from 'node:crypto'
import { InngestTestEngine } from '@inngest/test'
import { describe, expect, it, vi } from 'vitest'
import { inngest, resetDevServerProbe } from '@/lib/jobs'
import { lastEmailTo } from '@/tests/helpers/outbox'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { addTestMember, createTestOrganization, sessionCookie } from '@/tests/helpers/tenants'
import { dataExportRequested } from './events'
import { getDataExport, requestDataExport } from './export'
import { EXPORT_TTL_HOURS, exportTtlSeconds } from './export-store'
import { exportDataJob } from './jobs'

function runExportJob(userId: string) {
  return new InngestTestEngine({ function: exportDataJob }).execute({ events: [{ name: dataExportRequested.name, data: { userId } }] })
}

async function exportIdEmailedTo(email: string): Promise<string> {
  const id = (await lastEmailTo(email))?.text.match(/\/api\/account\/export\/([A-Za-z0-9_-]{43})\b/)?.[1]
  if (!id) throw new Error(`no export link in the last email to ${email}`)
  return id
}

describe('data export', () => {
  it('is asked for as a job (no work in the request), three times per 15 minutes', async () => {
    const person = await createTestOrganization('export-ask')
    const send = vi.spyOn(inngest, 'send').mockResolvedValue({ ids: ['evt_test'] })
    try {
      for (let i = 0; i < 3; i++) expect(await requestDataExport(person.userId)).toEqual({ queued: true })
      await expect(requestDataExport(person.userId)).rejects.toMatchObject({ code: 'rate_limit.exceeded', kind: 'rate_limited' })
      expect(send).toHaveBeenCalledTimes(3)
      expect(send).toHaveBeenCalledWith(expect.objectContaining({ name: 'users/data-export.requested', data: { userId: person.userId } }))
    } finally {
      send.mockRestore()
    }
    expect(await lastEmailTo(person.email)).toBeUndefined()
  })

  it('the job stores the JSON for a day and emails a link that works for its owner only', async () => {
    const owner = await createTestOrganization('export-other')
    const person = await addTestMember(owner, 'admin')
    await sessionCookie(person)
    await withClient(adminUrlForWorkerDb(), (c) =>
      c.query(`insert into "SecurityEvent" ("userId", email, action, ip) values ($1, $2, 'sign_in', '203.0.113.9')`, [person.userId, person.email]),
    )

    const { result, error } = await runExportJob(person.userId)
    expect(error).toBeUndefined()
    expect(result).toMatchObject({ exported: true, emailed: true })

    const id = await exportIdEmailedTo(person.email)
    const data = await getDataExport(person.userId, id)
    expect(data).toMatchObject({
      user: { id: person.userId, email: person.email },
      memberships: expect.arrayContaining([
        expect.objectContaining({ organization: expect.objectContaining({ id: owner.ctx.tenantId }), role: 'admin', joinedAt: expect.any(String) }),
      ]),
      sessions: [expect.objectContaining({ ip: '127.0.0.1' })],
      securityEvents: [expect.objectContaining({ action: 'sign_in', ip: '203.0.113.9' })],
      securityEventsTruncated: false,
      linkedAccounts: [],
    })
    expect((data as { memberships: unknown[] }).memberships).toHaveLength(2)
    expect(JSON.stringify(data)).not.toMatch(/passwordHash|totpSecret/)

    const ttl = await exportTtlSeconds(person.userId, id)
    expect(ttl).toBeGreaterThan(EXPORT_TTL_HOURS * 3600 - 60)
    expect(ttl).toBeLessThanOrEqual(EXPORT_TTL_HOURS * 3600)
    // Another person holding the link finds nothing, nor does anyone with a guessed id.
    await expect(getDataExport(owner.userId, id)).rejects.toMatchObject({ code: 'users.export_not_found', kind: 'not_found' })
    await expect(getDataExport(person.userId, randomBytes(32).toString('base64url'))).rejects.toMatchObject({ code: 'users.export_not_found' })
  })

  it('does nothing for an account deleted since the request', async () => {
    const { result, error } = await runExportJob('00000000-0000-4000-8000-000000000000')
    expect(error).toBeUndefined()
    expect(result).toEqual({ exported: false })
  })

  it('runs in the request when no Inngest server answers in development', async () => {
    const person = await createTestOrganization('export-inline')
    const mode = vi.spyOn(inngest, 'mode', 'get').mockReturnValue('dev')
    resetDevServerProbe()
    try {
      expect(await requestDataExport(person.userId)).toEqual({ queued: false })
    } finally {
      mode.mockRestore()
      resetDevServerProbe()
    }
    expect(await getDataExport(person.userId, await exportIdEmailedTo(person.email))).toMatchObject({ user: { id: person.userId } })
  })
})
