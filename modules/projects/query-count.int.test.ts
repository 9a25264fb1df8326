// N+1 guard: listing projects with their creators costs the same number of queries for 10 projects
// as for 1,000 (created by 50 different people).
import { describe, expect, it } from 'vitest'
import { createDb, getDb, setDb, type Db } from '@/lib/db/client'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { addTestMember, createTestOrganization, type TestMember } from '@/tests/helpers/tenants'
import { listProjects } from './service'

/** A client whose every statement is counted, at the driver: nothing the ORM does goes unseen. */
function countingDb(): { db: Db; count: () => number } {
  const db = createDb({ connectionString: process.env.DATABASE_URL ?? '', max: 2 })
  let statements = 0
  db.pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    ;(client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements++
      return query(...args)
    }
  })
  return { db, count: () => statements }
}

async function tenantWithProjects(projects: number, creators: number): Promise<TestMember> {
  const owner = await createTestOrganization(`qc-${projects}`)
  const people = [owner]
  for (let i = 1; i < creators; i++) people.push(await addTestMember(owner))
  // Bulk fixture as the superuser: the point is the read path, not 1,000 inserts through the API.
  await withClient(adminUrlForWorkerDb(), (client) =>
    client.query(
      `insert into "Project" ("tenantId", name, "createdById", "updatedAt")
       select $1, 'Project ' || g, ($2::uuid[])[1 + g % cardinality($2::uuid[])], now() from generate_series(1, $3) g`,
      [owner.ctx.tenantId, people.map((p) => p.userId), projects],
    ),
  )
  return owner
}

async function statementsToList(owner: TestMember, limit: number): Promise<{ statements: number; items: number; creators: number }> {
  const previous = getDb()
  const { db, count } = countingDb()
  setDb(db)
  try {
    await listProjects(owner.ctx, { status: 'active', limit }) // warm: connections, prepared plans
    const before = count()
    const page = await listProjects(owner.ctx, { status: 'active', limit })
    return { statements: count() - before, items: page.items.length, creators: new Set(page.items.map((p) => p.createdBy?.id)).size }
  } finally {
    setDb(previous)
    await db.pool.end()
  }
}


describe('listing projects with their creators', () => {
  it('takes the same number of queries for 10 projects as for 1,000', async () => {
    const small = await statementsToList(await tenantWithProjects(10, 5), 1000)
    const large = await statementsToList(await tenantWithProjects(1000, 50), 1000)
    expect(small.items).toBe(10)
    expect(large.items).toBe(1000)
    expect(large.creators).toBe(50)
    expect(large.statements).toBe(small.statements)
    // BEGIN, set_config, select projects, COMMIT, select creators.
    expect(small.statements).toBeLessThanOrEqual(5)
  })
})
