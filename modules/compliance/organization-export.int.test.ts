// An owner's export of the organization: asked for in a request, built by the job (@inngest/test)
// from every module's public interface, delivered like a personal export. Real Postgres and Redis.
import { InngestTestEngine } from '@inngest/test'
import { describe, expect, it, vi } from 'vitest'
import { inngest } from '@/lib/jobs'
import { archiveProject, createProject } from '@/modules/projects'
import { getDataExport, inviteMember } from '@/modules/users'
import { lastEmailTo } from '@/tests/helpers/outbox'
import { addTestMember, createTestOrganization } from '@/tests/helpers/tenants'
import { organizationExportRequested } from './events'
import { exportOrganizationJob } from './jobs'
import { requestOrganizationExport } from './organization-export'

type Export = {
  organization: { slug: string }
  members: { email: string; role: string }[]
  pendingInvitations: { email: string }[]
  projects: { name: string; archivedAt: string | null }[]
  billing: { plan: string }
  auditLog: { action: string }[]
}

describe('exporting an organization', () => {
  it('queues a job for owners only, which emails the owner a link to everything the organization holds', async () => {
    const owner = await createTestOrganization('export-org')
    const admin = await addTestMember(owner, 'admin')
    const other = await createTestOrganization('export-other')
    await createProject(other.ctx, { name: 'Not theirs' })
    await createProject(owner.ctx, { name: 'Kept' })
    const archived = await createProject(owner.ctx, { name: 'Archived one' })
    await archiveProject(owner.ctx, archived.id)
    await inviteMember(owner.ctx, { email: `pending-${Date.now()}@test.local`, role: 'member' })

    await expect(requestOrganizationExport(admin.ctx)).rejects.toMatchObject({ code: 'compliance.forbidden', kind: 'forbidden' })
    const send = vi.spyOn(inngest, 'send').mockResolvedValue({ ids: ['evt_test'] })
    try {
      expect(await requestOrganizationExport(owner.ctx)).toEqual({ queued: true })
      expect(send).toHaveBeenCalledWith(expect.objectContaining({ name: organizationExportRequested.name, data: expect.objectContaining({ tenantId: owner.ctx.tenantId, requestedBy: owner.userId }) }))
    } finally {
      send.mockRestore()
    }

    const { result, error } = await new InngestTestEngine({ function: exportOrganizationJob }).execute({
      events: [{ name: organizationExportRequested.name, data: { tenantId: owner.ctx.tenantId, tenantSlug: owner.slug, requestedBy: owner.userId } }],
    })
    expect(error).toBeUndefined()
    const { exportId } = result as { exportId: string }
    expect((await lastEmailTo(owner.email))?.text).toContain(`/api/account/export/${exportId}`)

    const data = (await getDataExport(owner.userId, exportId)) as Export
    expect(data.organization.slug).toBe(owner.slug)
    expect(data.members.map((m) => [m.email, m.role])).toEqual([[owner.email, 'owner'], [admin.email, 'admin']])
    expect(data.pendingInvitations).toHaveLength(1)
    expect(data.projects.map((p) => [p.name, p.archivedAt !== null]).sort()).toEqual([['Archived one', true], ['Kept', false]])
    expect(data.billing.plan).toBe('free')
    expect(data.auditLog.map((e) => e.action)).toEqual(expect.arrayContaining(['project.created', 'project.archived', 'invitation.sent']))
    expect(JSON.stringify(data)).not.toContain('Not theirs')
    // The link is the owner's alone.
    await expect(getDataExport(admin.userId, exportId)).rejects.toMatchObject({ kind: 'not_found' })
  })
})
