import type pg from 'pg'

// Catalog checks as functions, so the tests can run each against the real schema (expecting nothing)
// and against a planted violation (expecting it to be reported): a check that cannot fail proves nothing.

export type TenantTableProblem = { table: string; rls: boolean; forced: boolean; notNull: boolean; leadingIndex: boolean }

/** Tables in `public` with a tenantId column that lack RLS (enabled and forced), NOT NULL, or a leading index. */
export async function tenantTableProblems(client: pg.ClientBase): Promise<{ checked: string[]; problems: TenantTableProblem[] }> {
  const { rows } = await client.query<TenantTableProblem>(`
    select c.relname as "table", c.relrowsecurity as rls, c.relforcerowsecurity as forced, a.attnotnull as "notNull",
      exists (select 1 from pg_index i where i.indrelid = c.oid and i.indkey[0] = a.attnum) as "leadingIndex"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenantId' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by 1`)
  return { checked: rows.map((r) => r.table), problems: rows.filter((t) => !t.rls || !t.forced || !t.notNull || !t.leadingIndex) }
}

/** Foreign keys whose columns do not lead any index (deletes on the parent would scan the child). */
export async function uncoveredForeignKeys(client: pg.ClientBase): Promise<{ table: string; fk: string }[]> {
  const { rows } = await client.query<{ table: string; fk: string }>(`
    select c.conrelid::regclass::text as "table", c.conname as fk
    from pg_constraint c
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey)
    order by 1, 2`)
  return rows
}
