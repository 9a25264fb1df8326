import 'server-only'
import { identityDb, listMembershipsOfUser, recordAuditEvent, withTenant } from '@/lib/db'
import { createTenantContext } from '@/lib/tenant-context-factory'
import { moduleLogger } from '@/lib/logger'
import { getRequestContext } from '@/lib/request-context'

// A person's own security history (docs/decisions/020-two-factor-and-security-events.md): sign-ins,
// refused sign-ins and two-factor changes, shown on their account page. Tenant audit logs cannot
// hold these: a refused sign-in happens before any organization is known.

export type SecurityAction =
  | 'sign_in'
  | 'sign_in.failed'
  | 'two_factor.challenge_passed'
  | 'two_factor.challenge_failed'
  | 'two_factor.enabled'
  | 'two_factor.disabled'
  | 'two_factor.recovery_codes_regenerated'
  | 'oauth.linked'
  | 'oauth.unlinked'

export type SecurityEventInput = {
  userId: string | null
  email?: string | null
  action: SecurityAction
  ip?: string | null
  userAgent?: string | null
  metadata?: Record<string, string | number | boolean | null>
}

export type SecurityEventDto = { id: string; action: SecurityAction; ip: string | null; userAgent: string | null; metadata: unknown; createdAt: string }

const log = moduleLogger('users.security')

// Also written to the audit log of each of the person's organizations, where owners and admins
// watch for attacks on their members (a burst of refused sign-ins, two-factor turned off).
const MIRRORED: ReadonlySet<SecurityAction> = new Set([
  'sign_in.failed',
  'two_factor.challenge_failed',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.recovery_codes_regenerated',
])
const MAX_MIRRORED_ORGANIZATIONS = 20

/** Records the event and logs it. The IP falls back to the request's. Never throws: history must not block a sign-in. */
export async function recordSecurityEvent(event: SecurityEventInput): Promise<void> {
  const ip = event.ip ?? getRequestContext()?.ip ?? null
  log.info({ action: event.action, userId: event.userId, ip }, 'security event')
  await Promise.all([recordForPerson(event, ip), event.userId && MIRRORED.has(event.action) ? recordForOrganizations(event.userId, event, ip) : null])
}

async function recordForOrganizations(userId: string, event: SecurityEventInput, ip: string | null): Promise<void> {
  try {
    const memberships = await listMembershipsOfUser(userId, `audit log: ${event.action}`)
    // A refused sign-in was not done by the member: no actor, the member is the target.
    const actorId = event.action === 'sign_in.failed' || event.action === 'two_factor.challenge_failed' ? null : userId
    for (const m of memberships.slice(0, MAX_MIRRORED_ORGANIZATIONS)) {
      const ctx = createTenantContext({ tenantId: m.tenantId, tenantSlug: m.slug, userId, role: m.role, source: 'session' })
      await withTenant(ctx, (tx) =>
        recordAuditEvent(tx, { tenantId: m.tenantId, actorId, action: `member.${event.action}`, targetType: 'user', targetId: userId, ip, metadata: event.metadata ?? undefined }),
      )
    }
  } catch (error) {
    log.error({ err: error, action: event.action }, 'security event not recorded in audit logs')
  }
}

async function recordForPerson(event: SecurityEventInput, ip: string | null): Promise<void> {
  try {
    await identityDb().securityEvent.create({
      data: {
        userId: event.userId,
        email: event.email ?? null,
        action: event.action,
        ip,
        userAgent: event.userAgent?.slice(0, 300) ?? null,
        metadata: event.metadata ?? undefined,
      },
      select: { id: true },
    })
  } catch (error) {
    log.error({ err: error, action: event.action }, 'security event not recorded')
  }
}

/** The newest events of a user, newest first. */
export async function listSecurityEvents(userId: string, limit = 20): Promise<SecurityEventDto[]> {
  const rows = await identityDb().securityEvent.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, action: true, ip: true, userAgent: true, metadata: true, createdAt: true },
  })
  return rows.map((row) => ({ ...row, action: row.action as SecurityAction, createdAt: row.createdAt.toISOString() }))
}
