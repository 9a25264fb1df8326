import 'server-only'
import { withTenant } from '@/lib/db'
import type { TenantContext } from '@/lib/tenant-context'
import { countSeatsInUse } from '@/modules/users'
import { assertWithinLimit } from './entitlements'

/**
 * Throws 402 (naming the plan that lifts the limit) when one more member or invitation would exceed
 * the plan's seats. Call before inviting.
 */
export async function assertSeatAvailable(ctx: TenantContext): Promise<void> {
  const used = await countSeatsInUse(ctx)
  await withTenant(ctx, (tx) => assertWithinLimit(tx, 'seats', used))
}
