import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TenantContext } from '@/lib/tenant-context'
import { createTestOrganization, type TestMember } from '@/tests/helpers/tenants'
import { getDb } from './client'
import { withTenant } from './tenant'

let owner: TestMember

beforeAll(async () => {
  owner = await createTestOrganization('with-tenant')
})

describe('withTenant', () => {
  it('scopes the transaction to the tenant and clears the setting afterwards', async () => {
    const inside = await withTenant(owner.ctx, (tx) => tx.$queryRaw<{ t: string }[]>`select current_setting('app.tenant_id', true) as t`)
    expect(inside[0]?.t).toBe(owner.ctx.tenantId)
    // Every pooled connection, afterwards: nothing left behind.
    const { pool } = getDb()
    const leftovers = await Promise.all(
      Array.from({ length: 5 }, () => pool.query<{ t: string | null }>(`select current_setting('app.tenant_id', true) as t`)),
    )
    expect(leftovers.map((r) => r.rows[0]?.t ?? '')).toEqual(['', '', '', '', ''])
  })

  it('rolls back everything when the unit of work throws', async () => {
    const name = `rollback-${randomUUID()}`
    await expect(
      withTenant(owner.ctx, async (tx) => {
        await tx.project.create({ data: { tenantId: owner.ctx.tenantId, name }, select: { id: true } })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const found = await withTenant(owner.ctx, (tx) => tx.project.count({ where: { name } }))
    expect(found).toBe(0)
  })

  it('refuses a context that did not come from the factory', async () => {
    const forged = { ...owner.ctx } as TenantContext
    await expect(withTenant(forged, async () => 1)).rejects.toMatchObject({ code: 'db.forged_context' })
  })

  it('refuses to nest (a second pooled connection while holding the first)', async () => {
    await expect(withTenant(owner.ctx, () => withTenant(owner.ctx, async () => 1))).rejects.toMatchObject({ code: 'db.nested_tenant_tx' })
  })

  it('bounds every statement by the timeout', async () => {
    await expect(withTenant(owner.ctx, (tx) => tx.$queryRaw`select pg_sleep(2)`, { timeoutMs: 300 })).rejects.toThrow()
  })
})
