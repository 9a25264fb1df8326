// Creates TenantContext values. Importable from modules/users (sessions) and lib/jobs (events) only.
import type { TenantContext, TenantContextFields } from './tenant-context'
import { register } from './tenant-context-registry'

export function createTenantContext(fields: TenantContextFields): TenantContext {
  const context = Object.freeze({ ...fields }) as TenantContext
  register(context)
  return context
}
