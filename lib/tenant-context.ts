// The tenant a unit of work runs for. Only two places may create one (enforced by
// .dependency-cruiser.cjs): the users module, from a verified session, and the jobs layer, from an
// event that carries tenantId. Everything else receives it.
import { isRegistered } from './tenant-context-registry'

export type MembershipRole = 'owner' | 'admin' | 'member'

declare const tenantContextBrand: unique symbol

export type TenantContextFields = Readonly<{
  tenantId: string
  tenantSlug: string
  /** null for work that no person started (a background job). */
  userId: string | null
  role: MembershipRole | null
  source: 'session' | 'job'
}>

export type TenantContext = TenantContextFields & { readonly [tenantContextBrand]: true }

/** Whether `value` came from the factory, not from an object literal cast to the type. */
export function isTenantContext(value: unknown): value is TenantContext {
  return typeof value === 'object' && value !== null && isRegistered(value)
}
