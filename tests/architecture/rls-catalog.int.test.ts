// The database's own catalog, checked: whoever adds a tenant table without row-level security, or
// gives the app role a way around it, fails here before anything ships.
import type pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { adminUrlForWorkerDb, withClient } from '@/tests/helpers/sql'
import { tenantTableProblems, uncoveredForeignKeys } from './catalog-queries'

const TENANT_ISOLATION = `("tenantId" = ( SELECT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid AS "nullif"))`
let tables: { table: string }[] = []

beforeAll(async () => {
  const { checked } = await withClient(adminUrlForWorkerDb(), tenantTableProblems)
  tables = checked.map((table) => ({ table }))
})

/** Runs `plant` as the superuser in a transaction that is rolled back, and returns what `check` saw. */
async function withPlanted<T>(plant: string, check: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(adminUrlForWorkerDb(), async (client) => {
    await client.query('begin')
    try {
      await client.query(plant)
      return await check(client)
    } finally {
      await client.query('rollback')
    }
  })
}

describe('tenant tables', () => {
  it('every table with tenantId has RLS enabled and forced, tenantId NOT NULL, and an index led by tenantId', async () => {
    const { checked, problems } = await withClient(adminUrlForWorkerDb(), tenantTableProblems)
    expect(checked).toEqual(expect.arrayContaining(['AuditEvent', 'Invitation', 'Membership', 'Project']))
    expect(problems).toEqual([])
  })

  it('catches a planted table without forced RLS, and one without a tenantId index', async () => {
    const { problems } = await withPlanted(
      `create table "Planted" ("tenantId" uuid not null, id uuid primary key);
       alter table "Planted" enable row level security;
       alter table "Project" no force row level security;`,
      tenantTableProblems,
    )
    expect(problems).toEqual([
      { table: 'Planted', rls: true, forced: false, notNull: true, leadingIndex: false },
      { table: 'Project', rls: true, forced: false, notNull: true, leadingIndex: true },
    ])
  })

  it('every such table has the tenant_isolation policy with USING and WITH CHECK for every command', async () => {
    const policies = await withClient(adminUrlForWorkerDb(), async (client) => {
      const { rows } = await client.query<{ tablename: string; cmd: string; roles: string[]; qual: string; with_check: string }>(
        `select tablename, cmd, roles::text[] as roles, qual, with_check from pg_policies where schemaname = 'public' and policyname = 'tenant_isolation'`,
      )
      return new Map(rows.map((r) => [r.tablename, r]))
    })
    for (const { table } of tables) {
      const policy = policies.get(table)
      expect(policy, `${table} has no tenant_isolation policy`).toBeDefined()
      expect(policy).toMatchObject({ cmd: 'ALL', roles: ['public'], qual: TENANT_ISOLATION, with_check: TENANT_ISOLATION })
    }
    // The tenant table itself matches on its id.
    expect(policies.get('Tenant')).toMatchObject({ cmd: 'ALL', qual: TENANT_ISOLATION.replace('"tenantId"', 'id') })
  })

  it('the only other policies are read-only ones for tenantkit_system', async () => {
    const others = await withClient(adminUrlForWorkerDb(), async (client) => {
      const { rows } = await client.query(
        `select tablename, policyname, cmd, roles::text[] as roles from pg_policies where policyname <> 'tenant_isolation' order by 1`,
      )
      return rows
    })
    expect(others).toEqual([
      { tablename: 'BillingAccount', policyname: 'system_read', cmd: 'SELECT', roles: ['tenantkit_system'] },
      { tablename: 'Invitation', policyname: 'system_read', cmd: 'SELECT', roles: ['tenantkit_system'] },
      { tablename: 'Membership', policyname: 'system_read', cmd: 'SELECT', roles: ['tenantkit_system'] },
      { tablename: 'Tenant', policyname: 'system_read', cmd: 'SELECT', roles: ['tenantkit_system'] },
    ])
  })
})

describe('the app role (DATABASE_URL)', () => {
  it('is no superuser, cannot bypass RLS, create roles or databases, and is a member of no privileged role', async () => {
    const role = await withClient(process.env.DATABASE_URL ?? '', async (client) => {
      const { rows } = await client.query(`
        select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
          pg_has_role(current_user, 'tenantkit_system', 'MEMBER') as "systemMember",
          (select count(*)::int from pg_auth_members m join pg_roles r on r.oid = m.roleid
             where m.member = (select oid from pg_roles where rolname = current_user)) as "memberOf"
        from pg_roles where rolname = current_user`)
      return rows[0]
    })
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, systemMember: false, memberOf: 0 })
  })

  it('owns nothing: no table, function, type or schema', async () => {
    const owned = await withClient(process.env.DATABASE_URL ?? '', async (client) => {
      const { rows } = await client.query(`
        with me as (select oid from pg_roles where rolname = current_user)
        select (select count(*) from pg_class where relowner = (select oid from me))
             + (select count(*) from pg_proc where proowner = (select oid from me))
             + (select count(*) from pg_type where typowner = (select oid from me))
             + (select count(*) from pg_namespace where nspowner = (select oid from me)) as n`)
      return Number(rows[0].n)
    })
    expect(owned).toBe(0)
  })

  it('cannot touch the migrations table, and cannot rewrite or erase the audit log', async () => {
    const privileges = await withClient(process.env.DATABASE_URL ?? '', async (client) => {
      const { rows } = await client.query(`
        select has_table_privilege('"_prisma_migrations"', 'SELECT, INSERT, UPDATE, DELETE') as migrations,
               has_table_privilege('"AuditEvent"', 'UPDATE') as "auditUpdate",
               has_table_privilege('"AuditEvent"', 'DELETE') as "auditDelete",
               has_table_privilege('"AuditEvent"', 'INSERT') as "auditInsert"`)
      return rows[0]
    })
    expect(privileges).toEqual({ migrations: false, auditUpdate: false, auditDelete: false, auditInsert: true })
  })
})

describe('the cross-tenant path', () => {
  it('is only SECURITY DEFINER functions owned by tenantkit_system, with a pinned search_path', async () => {
    const functions = await withClient(adminUrlForWorkerDb(), async (client) => {
      const { rows } = await client.query(`
        select n.nspname as schema, p.proname as name, pg_get_userbyid(p.proowner) as owner, p.proconfig as config
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef order by 1, 2`)
      return rows
    })
    const definer = { owner: 'tenantkit_system', config: ['search_path=pg_catalog, pg_temp'] }
    expect(functions).toEqual([
      { schema: 'tenantkit_system', name: 'invitation_by_token_hash', ...definer },
      { schema: 'tenantkit_system', name: 'memberships_of_user', ...definer },
      { schema: 'tenantkit_system', name: 'tenant_of_stripe_customer', ...definer },
    ])
  })

  it('tenantkit_system cannot log in or bypass RLS', async () => {
    const role = await withClient(adminUrlForWorkerDb(), async (client) => {
      const { rows } = await client.query(`select rolcanlogin, rolbypassrls, rolsuper from pg_roles where rolname = 'tenantkit_system'`)
      return rows[0]
    })
    expect(role).toEqual({ rolcanlogin: false, rolbypassrls: false, rolsuper: false })
  })
})

describe('indexes', () => {
  it('every foreign key is covered by an index that starts with its columns', async () => {
    expect(await withClient(adminUrlForWorkerDb(), uncoveredForeignKeys)).toEqual([])
  })

  it('catches a planted foreign key without an index', async () => {
    const uncovered = await withPlanted(
      `create table "Planted" (id uuid primary key, "projectId" uuid references "Project"(id))`,
      uncoveredForeignKeys,
    )
    expect(uncovered).toEqual([{ table: '"Planted"', fk: 'Planted_projectId_fkey' }])
  })
})
