import { eventType } from 'inngest'
import { z } from 'zod'

// Every event the app sends to Inngest names a tenant: a job rebuilds its TenantContext from it
// (tenantContextFromEvent) and writes through withTenant, like a request does.

/** Event names follow `module/entity.past-tense` (STYLE.md). */
export type EventName = `${string}/${string}.${string}`

/** The fields every tenant event starts with. */
export const TenantEventSchema = z.object({
  tenantId: z.uuid({ error: 'tenantId is the UUID of the tenant the event belongs to.' }),
  /** The tenant's slug when the sender knows it (jobs do not need it to reach data). */
  tenantSlug: z.string().optional(),
})

/**
 * A typed event (Inngest v4 `eventType`) whose zod payload always carries `tenantId`.
 * `.create(data, { id })` builds a payload to send; pass the event itself in a function's `triggers`.
 * Keep the fields plain (no transforms or defaults): Inngest validates input and output alike.
 */
export function tenantEventType<TName extends EventName, TShape extends z.ZodRawShape>(name: TName, shape: TShape) {
  const schema = TenantEventSchema.extend(shape)
  // NOTE: Inngest's no-transform check is a conditional type it cannot resolve for a generic shape;
  // the cast skips only that check, the event is still typed by `schema`.
  return eventType<TName, typeof schema>(name, { schema } as never)
}
