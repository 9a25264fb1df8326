// Tenant B against tenant A's data, through every way in: the modules' services, and raw SQL as the
// app role in B's transaction. Tables are discovered from the catalog, so a new tenant table is
// covered the day it is added (and fails here until the fixture below gives it rows).
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import * as analytics from '@/modules/analytics'
import * as projects from '@/modules/projects'
import * as users from '@/modules/users'
import { tenantTableProblems } from '@/tests/architecture/catalog-queries'
import { adminUrlForWorkerDb, asAppInTenant, sqlErrorCode, withClient } from '@/tests/helpers/sql'
import { addTestMember, createTestOrganization, type TestMember } from '@/tests/helpers/tenants'

let a: TestMember
let b: TestMember
let aProjectId: string
let tables: string[]

/** Tenant-owned tables plus "Tenant", which is matched on its id. */
const tenantColumn = (table: string) => (table === 'Tenant' ? 'id' : 'tenantId')

beforeAll(async () => {
  a = await createTestOrganization('tenant-a')
  b = await createTestOrganization('tenant-b')
  await addTestMember(a, 'member')
  await addTestMember(b, 'member')
  aProjectId = (await projects.createProject(a.ctx, { name: 'A secret' })).id
  await projects.createProject(b.ctx, { name: 'B project' })
  // Invitations have no service yet: give both tenants one directly.
  await withClient(adminUrlForWorkerDb(), async (client) => {
    for (const t of [a, b]) {
      await client.query(
        `insert into "Invitation" ("tenantId", email, role, "tokenHash", "invitedById", "expiresAt") values ($1, $2, 'member', $3, $4, now() + interval '1 day')`,
        [t.ctx.tenantId, `invitee-${randomUUID()}@test.local`, randomUUID(), t.userId],
      )
      // Billing accounts are written by the billing job from Stripe: give both tenants one directly.
      await client.query(
        `insert into "BillingAccount" ("tenantId", "stripeCustomerId", plan, interval, status, seats, "updatedAt") values ($1, $2, 'pro', 'month', 'active', 3, now())`,
        [t.ctx.tenantId, `cus_${randomUUID().replaceAll('-', '')}`],
      )
    }
  })
  tables = [...(await withClient(adminUrlForWorkerDb(), tenantTableProblems)).checked, 'Tenant']
})

describe('through the modules', () => {
  it("B's project list never contains A's projects", async () => {
    const page = await projects.listProjects(b.ctx, { status: 'all', limit: 1000 })
    expect(page.items.map((p) => p.id)).not.toContain(aProjectId)
    expect(page.items.map((p) => p.name)).toEqual(['B project'])
  })

  it("B cannot rename, archive or restore A's project: not found", async () => {
    await expect(projects.updateProject(b.ctx, aProjectId, { name: 'Stolen' })).rejects.toMatchObject({ code: 'projects.not_found' })
    await expect(projects.archiveProject(b.ctx, aProjectId)).rejects.toMatchObject({ code: 'projects.not_found' })
    await expect(projects.updateProject(b.ctx, aProjectId, { archived: false })).rejects.toMatchObject({ code: 'projects.not_found' })
    const unchanged = await projects.listProjects(a.ctx, { status: 'all', limit: 10 })
    expect(unchanged.items.find((p) => p.id === aProjectId)).toMatchObject({ name: 'A secret', archivedAt: null })
  })

  it("B cannot add members to A, nor switch a session into A's organization", async () => {
    const stranger = await createTestOrganization('stranger')
    await expect(users.actAsMember(b.userId, a.slug)).rejects.toMatchObject({ code: 'users.not_a_member', kind: 'not_found' })
    // b.ctx addresses B's tenant only: adding goes to B, never to A.
    await users.addMember(b.ctx, stranger.userId, 'member')
    const tenants = await users.listTenantsOfUser(stranger.userId)
    expect(tenants.map((t) => t.slug).sort()).toEqual([b.slug, stranger.slug].sort())
  })

  it("B's usage counters are its own", async () => {
    const before = await analytics.getUsage(b.ctx, 'projects_created')
    await analytics.recordUsage(a.ctx, 'projects_created', 5)
    expect(await analytics.getUsage(b.ctx, 'projects_created')).toEqual(before)
  })
})

describe('through raw SQL as the app role', () => {
  it('the fixture gives A rows in every tenant table (or this suite would prove nothing)', async () => {
    expect(tables).toEqual(expect.arrayContaining(['AuditEvent', 'Invitation', 'Membership', 'Project', 'Tenant']))
    await withClient(adminUrlForWorkerDb(), async (client) => {
      for (const table of tables) {
        const { rows } = await client.query(`select count(*)::int as n from "${table}" where "${tenantColumn(table)}" = $1`, [a.ctx.tenantId])
        expect(rows[0].n, `add rows for tenant A in "${table}" to the fixture`).toBeGreaterThan(0)
      }
    })
  })

  it("in B's transaction, A's rows cannot be read, updated or deleted", async () => {
    await asAppInTenant(b.ctx.tenantId, async (client) => {
      for (const table of tables) {
        const column = tenantColumn(table)
        const read = await client.query(`select count(*)::int as n from "${table}" where "${column}" = $1`, [a.ctx.tenantId])
        expect(read.rows[0].n, `read ${table}`).toBe(0)
        // The audit log is append-only for the app role: no UPDATE or DELETE grant at all.
        if (table === 'AuditEvent') continue
        const updated = await client.query(`update "${table}" set "${column}" = "${column}" where "${column}" = $1`, [a.ctx.tenantId])
        expect(updated.rowCount, `update ${table}`).toBe(0)
        const deleted = await client.query(`delete from "${table}" where "${column}" = $1`, [a.ctx.tenantId])
        expect(deleted.rowCount, `delete ${table}`).toBe(0)
      }
    })
    for (const statement of ['update "AuditEvent" set action = action', 'delete from "AuditEvent"']) {
      expect(await sqlErrorCode(asAppInTenant(b.ctx.tenantId, (client) => client.query(statement)))).toBe('42501')
    }
  })

  it("in B's transaction, rows cannot be written into A, nor moved there", async () => {
    const rowsOfA = await withClient(adminUrlForWorkerDb(), async (client) => {
      const out: Record<string, unknown> = {}
      for (const table of tables) {
        const { rows } = await client.query(`select row_to_json(t) as row from "${table}" t where "${tenantColumn(table)}" = $1 limit 1`, [a.ctx.tenantId])
        out[table] = rows[0].row
      }
      return out
    })
    for (const table of tables) {
      const copy = { ...(rowsOfA[table] as Record<string, unknown>), id: randomUUID() }
      const insert = sqlErrorCode(
        asAppInTenant(b.ctx.tenantId, (client) => client.query(`insert into "${table}" select * from json_populate_record(null::"${table}", $1)`, [copy])),
      )
      // 42501: new row violates row-level security policy.
      expect(await insert, `insert into ${table}`).toBe('42501')
    }
    const moved = sqlErrorCode(
      asAppInTenant(b.ctx.tenantId, (client) => client.query(`update "Project" set "tenantId" = $1`, [a.ctx.tenantId])),
    )
    expect(await moved).toBe('42501')
  })

  it("B's rows cannot reference A's rows (composite foreign keys)", async () => {
    const code = await sqlErrorCode(
      asAppInTenant(b.ctx.tenantId, (client) =>
        client.query(
          `insert into "Invitation" ("tenantId", email, role, "tokenHash", "invitedById", "expiresAt") values ($1, 'x@test.local', 'member', $2, $3, now())`,
          [b.ctx.tenantId, randomUUID(), a.userId],
        ),
      ),
    )
    // 23503: the (tenantId, invitedById) pair names no membership of B.
    expect(code).toBe('23503')
  })

  it('without a tenant set, every tenant table looks empty (no error)', async () => {
    await asAppInTenant(null, async (client) => {
      for (const table of tables) {
        const { rows } = await client.query(`select count(*)::int as n from "${table}"`)
        expect(rows[0].n, table).toBe(0)
      }
    })
  })

  it('the tenant setting ends with its transaction, on the same connection', async () => {
    await withClient(process.env.DATABASE_URL ?? '', async (client) => {
      await client.query('begin')
      await client.query(`select set_config('app.tenant_id', $1, true)`, [a.ctx.tenantId])
      expect((await client.query('select count(*)::int as n from "Project"')).rows[0].n).toBeGreaterThan(0)
      await client.query('commit')
      expect((await client.query('select count(*)::int as n from "Project"')).rows[0].n).toBe(0)
    })
  })
})
