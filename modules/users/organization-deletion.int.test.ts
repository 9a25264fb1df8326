import { InngestTestEngine } from '@inngest/test'
import { describe, expect, it, vi } from 'vitest'
import { inngest } from '@/lib/jobs'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { addTestMember, createTestOrganization, sessionCookie } from '@/tests/helpers/tenants'
import { organizationDeletionRequested } from './events'
import { deleteOrganizationJob } from './jobs'
import { deleteOrganization } from './organization-deletion'
import { getSessionFromRequest } from './session'

const sessionOf = (cookie: string) => getSessionFromRequest(new Request('http://localhost/', { headers: { cookie } }))

async function rowsOfTenant(tenantId: string): Promise<Record<string, number>> {
  return withClient(adminUrlForWorkerDb(), async (c) => {
    const out: Record<string, number> = {}
    for (const [table, column] of [['Tenant', 'id'], ['Membership', 'tenantId'], ['Project', 'tenantId'], ['AuditEvent', 'tenantId']] as const) {
      out[table] = (await c.query(`select count(*)::int as n from "${table}" where "${column}" = $1`, [tenantId])).rows[0].n
    }
    return out
  })
}

describe('deleting an organization', () => {
  it('is for owners, confirmed by typing the address', async () => {
    const owner = await createTestOrganization('delete-roles')
    const admin = await addTestMember(owner, 'admin')
    await expect(deleteOrganization(admin.ctx, owner.slug)).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(deleteOrganization(owner.ctx, 'not-the-slug')).rejects.toMatchObject({ code: 'users.confirmation_mismatch', kind: 'bad_request' })
  })

  it('hands the work to a job (one event per organization)', async () => {
    const owner = await createTestOrganization('delete-queued')
    const send = vi.spyOn(inngest, 'send').mockResolvedValue({ ids: ['evt_test'] })
    try {
      expect(await deleteOrganization(owner.ctx, owner.slug)).toEqual({ queued: true })
      expect(send).toHaveBeenCalledWith(
        expect.objectContaining({ name: 'users/organization.deletion-requested', id: `delete-org-${owner.ctx.tenantId}`, data: expect.objectContaining({ tenantId: owner.ctx.tenantId }) }),
      )
    } finally {
      send.mockRestore()
    }
  })

  it('the job deletes everything of that organization, ends its sessions there, and leaves others alone', async () => {
    const owner = await createTestOrganization('delete-job')
    const member = await addTestMember(owner, 'member')
    const bystander = await createTestOrganization('bystander')
    // Rows of another module's table, inserted directly: the users module does not depend on projects.
    await withClient(adminUrlForWorkerDb(), (c) =>
      c.query(`insert into "Project" ("tenantId", name, "updatedAt") values ($1, 'Doomed', now()), ($2, 'Safe', now())`, [owner.ctx.tenantId, bystander.ctx.tenantId]),
    )
    const memberCookie = await sessionCookie(member)
    expect((await rowsOfTenant(owner.ctx.tenantId)).Project).toBe(1)

    const engine = new InngestTestEngine({ function: deleteOrganizationJob })
    const { result, error } = await engine.execute({
      events: [{ name: organizationDeletionRequested.name, data: { tenantId: owner.ctx.tenantId, requestedBy: owner.userId } }],
      steps: [{ id: 'announce-organization-deleted', handler: () => ({ ids: [] }) }],
    })

    expect(error).toBeUndefined()
    expect(result).toEqual({ members: 2 })
    expect(await rowsOfTenant(owner.ctx.tenantId)).toEqual({ Tenant: 0, Membership: 0, Project: 0, AuditEvent: 0 })
    expect(await sessionOf(memberCookie)).toBeNull()
    expect((await rowsOfTenant(bystander.ctx.tenantId)).Project).toBe(1)
  })
})
