import type pg from 'pg'
import { inject } from 'vitest'
import { urlFor, withPgClient } from '@/scripts/stack/local-database'

/** The worker's database as the superuser (catalog reads, fixtures that must bypass RLS). */
export function adminUrlForWorkerDb(): string {
  const stack = inject('stack')
  const database = new URL(process.env.DATABASE_URL ?? '').pathname.slice(1)
  const admin = new URL(stack.adminUrl)
  return urlFor(stack.adminUrl, { user: decodeURIComponent(admin.username), password: decodeURIComponent(admin.password) }, database)
}

/** Runs `fn` with a dedicated client (closed afterwards). */
export const withClient: <T>(url: string, fn: (client: pg.Client) => Promise<T>) => Promise<T> = withPgClient

/** As the app role, in one transaction scoped to `tenantId` (what withTenant does, in raw SQL). */
export async function asAppInTenant<T>(tenantId: string | null, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(process.env.DATABASE_URL ?? '', async (client) => {
    await client.query('begin')
    try {
      if (tenantId) await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId])
      return await fn(client)
    } finally {
      await client.query('rollback')
    }
  })
}

/** The Postgres error code a promise rejects with ('' if it resolves). */
export async function sqlErrorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return ''
  } catch (error) {
    return String((error as { code?: unknown }).code ?? 'unknown')
  }
}
