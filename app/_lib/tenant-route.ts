import 'server-only'
import { clientIp } from '@/lib/client-ip'
import { assertAllowed, checkRateLimit, rateLimitHeaders, type RateLimitPolicy } from '@/lib/rate-limit'
import { bindToRequest } from '@/lib/request-context'
import type { TenantContext } from '@/lib/tenant-context'
import { requireTenantContext } from '@/modules/users'
import { route, type RouteInput, type RouteSpec } from './route'

/**
 * A route that needs a signed-in member of a tenant: 401 without a session, then the per-IP ceiling
 * and the policy's rate limit (429 with RateLimit-* headers), then the handler with the tenant context.
 */
export function tenantRoute<P = undefined, Q = undefined, B = undefined>(
  spec: RouteSpec<P, Q, B> & { limit?: RateLimitPolicy },
  handler: (ctx: TenantContext, input: RouteInput<P, Q, B>) => Promise<unknown>,
) {
  return route(spec, async (input) => {
    const ip = clientIp(input.request.headers)
    // Session and IP limit are independent: ask Redis for both at once.
    const [ctx, ipLimit] = await Promise.all([requireTenantContext(input.request), checkRateLimit('ip', ip)])
    bindToRequest({ tenantId: ctx.tenantId, userId: ctx.userId ?? undefined })
    assertAllowed(ipLimit)
    const limit = await checkRateLimit(spec.limit ?? 'api', `${ctx.tenantId}:${ctx.userId}`)
    assertAllowed(limit)
    const result = await handler(ctx, input)
    const response = result instanceof Response ? result : Response.json(result)
    for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.headers.set(name, value)
    return response
  })
}
