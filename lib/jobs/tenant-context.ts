import 'server-only'
import { z } from 'zod'
import { AppError } from '../errors'
import type { TenantContext } from '../tenant-context'
import { createTenantContext } from '../tenant-context-factory'

const EventTenantSchema = z.object({ tenantId: z.uuid(), tenantSlug: z.string().optional() })

/**
 * The context a job runs in, rebuilt from the event that started it: the tenant the event names,
 * no user and no role (nobody is signed in). Row-level security then scopes everything it writes.
 */
export function tenantContextFromEvent(data: unknown): TenantContext {
  const parsed = EventTenantSchema.safeParse(data)
  if (!parsed.success) {
    throw new AppError('jobs.no_tenant', 'internal', 'This event carries no valid tenantId, so no job may act on it.', {
      cause: parsed.error,
    })
  }
  return createTenantContext({
    tenantId: parsed.data.tenantId,
    tenantSlug: parsed.data.tenantSlug ?? '',
    userId: null,
    role: null,
    source: 'job',
  })
}
