import 'server-only'
import { clientIp } from '@/lib/client-ip'
import { assertAllowed, checkRateLimit, rateLimitHeaders, type RateLimitPolicy } from '@/lib/rate-limit'
import { bindToRequest } from '@/lib/request-context'
import type { TenantContext } from '@/lib/tenant-context'
import { assertApiCallAllowed } from '@/modules/billing'
import { requirePrincipal, requireTenantContextOf } from '@/modules/users'
import { route, type RouteInput, type RouteSpec } from './route'
import { serverTiming } from './server-timing'

/**
 * A route that needs a signed-in member of a tenant: 401 without a session, then the per-IP ceiling
 * and the policy's rate limit (429 with RateLimit-* headers), then the plan's monthly API calls (402,
 * naming the plan that lifts it; `meter: false` leaves out routes a tenant past its allowance still
 * needs, such as billing's), then the handler with the tenant context.
 */
export function tenantRoute<P = undefined, Q = undefined, B = undefined>(
  spec: RouteSpec<P, Q, B> & { limit?: RateLimitPolicy; meter?: boolean },
  handler: (ctx: TenantContext, input: RouteInput<P, Q, B>) => Promise<unknown>,
) {
  return route(spec, async (input) => {
    const timing = serverTiming()
    const principal = await requirePrincipal(input.request)
    // The session read and both limits are independent: issued together, the Redis client sends
    // them as one pipeline, one round trip.
    const [ctx, ipLimit, limit] = await Promise.all([
      requireTenantContextOf(principal),
      checkRateLimit('ip', clientIp(input.request.headers)),
      checkRateLimit(spec.limit ?? 'api', principal.userId),
    ])
    timing.mark('session')
    bindToRequest({ tenantId: ctx.tenantId, userId: ctx.userId ?? undefined })
    assertAllowed(ipLimit)
    assertAllowed(limit)
    // After the limits, so a refused burst is not counted; one more Redis round trip (ADR 012).
    if (spec.meter !== false) {
      await assertApiCallAllowed(ctx)
      timing.mark('quota')
    }
    const result = await handler(ctx, input)
    timing.mark('handler')
    const response = result instanceof Response ? result : Response.json(result)
    for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.headers.set(name, value)
    response.headers.set('Server-Timing', timing.header())
    return response
  })
}
