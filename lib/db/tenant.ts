import 'server-only'
import { AsyncLocalStorage } from 'node:async_hooks'
import { AppError } from '../errors'
import { isTenantContext, type TenantContext } from '../tenant-context'
import { getDb } from './client'
import type { Prisma } from './generated/prisma/client'

declare const tenantTxBrand: unique symbol

/**
 * A transaction bound to one tenant by a transaction-local setting that row-level security reads.
 * Repositories take this type, so the only way to reach tenant data is through withTenant().
 */
export type TenantTx = Prisma.TransactionClient & { readonly [tenantTxBrand]: true }

export type WithTenantOptions = {
  /** Upper bound for the whole unit of work; keep it short, it holds a pooled connection. */
  timeoutMs?: number
}

const insideTenantTx = new AsyncLocalStorage<string>()

/**
 * Runs `fn` in one interactive transaction whose first statement scopes it to `ctx.tenantId`.
 * The setting is transaction-local (`set_config(..., true)`), so it cannot leak to the next user of
 * a pooled connection, including behind PgBouncer/Supavisor in transaction mode.
 * Do the network calls (Stripe, email) before or after, never inside: they would hold the connection.
 */
export async function withTenant<T>(
  ctx: TenantContext,
  fn: (tx: TenantTx) => Promise<T>,
  { timeoutMs = 10_000 }: WithTenantOptions = {},
): Promise<T> {
  if (!isTenantContext(ctx)) {
    throw new AppError('db.forged_context', 'internal', 'withTenant() was given a context the factory did not create.')
  }
  const outer = insideTenantTx.getStore()
  if (outer !== undefined) {
    // A nested transaction would take a second pooled connection while holding the first: with a
    // small pool that deadlocks under load. Pass the outer `tx` down instead.
    throw new AppError('db.nested_tenant_tx', 'internal', 'withTenant() called inside another withTenant().')
  }
  return getDb().prisma.$transaction(
    (tx) =>
      insideTenantTx.run(ctx.tenantId, async () => {
        // One round trip: the tenant for row-level security, and a statement timeout so a runaway
        // query cannot hold the pooled connection (both end with the transaction).
        await tx.$executeRaw`select set_config('app.tenant_id', ${ctx.tenantId}, true), set_config('statement_timeout', ${String(timeoutMs)}, true)`
        return fn(tx as TenantTx)
      }),
    { maxWait: 5_000, timeout: timeoutMs },
  )
}
