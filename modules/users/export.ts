import 'server-only'
import { withTenant } from '@/lib/db'
import { getEnv } from '@/lib/env'
import { sendEvent } from '@/lib/jobs'
import { moduleLogger } from '@/lib/logger'
import { sendEmail } from '@/lib/mailer'
import { assertAllowed, checkRateLimit } from '@/lib/rate-limit'
import { createTenantContext } from '@/lib/tenant-context-factory'
import { dataExportRequested } from './events'
import { EXPORT_TTL_HOURS, readExport, storeExport } from './export-store'
import * as repo from './repo'
import { listSecurityEvents } from './security-events'
import { listTenantsOfUser } from './service'
import { listSessions } from './session-store'

// "Export my data" (docs/decisions/016-data-export.md): the account page asks, a job builds the JSON,
// keeps it for EXPORT_TTL_HOURS where only its owner can download it, and emails the link.

const log = moduleLogger('users.export')

/** The newest security events an export carries; `securityEventsTruncated` says when there were more. */
const SECURITY_EVENTS_IN_EXPORT = 1_000

/** Everything this module keeps about a person, as JSON. */
export async function exportUserData(userId: string) {
  const [user, organizations, sessions, securityEvents, linkedAccounts] = await Promise.all([
    repo.findUserExport(userId),
    listTenantsOfUser(userId),
    listSessions(userId),
    listSecurityEvents(userId, SECURITY_EVENTS_IN_EXPORT),
    repo.listLinkedAccounts(userId),
  ])
  // One short transaction per organization: a membership row is only visible inside its tenant.
  const memberships = []
  for (const organization of organizations) {
    const ctx = createTenantContext({ tenantId: organization.tenantId, tenantSlug: organization.slug, userId, role: organization.role, source: 'session' })
    const row = await withTenant(ctx, (tx) => repo.findMembershipSince(tx, userId))
    if (row) memberships.push({ organization: { id: organization.tenantId, slug: organization.slug, name: organization.name }, role: row.role, joinedAt: row.createdAt.toISOString() })
  }
  const securityEventsTruncated = securityEvents.length === SECURITY_EVENTS_IN_EXPORT
  return { exportedAt: new Date().toISOString(), user, organizations, memberships, sessions, securityEvents, securityEventsTruncated, linkedAccounts }
}

/** Builds and stores the export; null when the account is gone (deleted since the request). */
export async function buildDataExport(userId: string): Promise<{ exportId: string; bytes: number } | null> {
  const data = await exportUserData(userId)
  if (!data.user) return null
  const { id, bytes } = await storeExport(userId, data)
  log.info({ userId, bytes }, 'data export stored')
  return { exportId: id, bytes }
}

/** Emails the download link to the account's address. */
export async function emailDataExportLink(userId: string, exportId: string): Promise<boolean> {
  const user = await repo.findUserById(userId)
  if (!user) return false
  await sendEmail({
    to: user.email,
    subject: 'Your Tenantkit data export is ready',
    text:
      `Download a copy of your data: ${getEnv().APP_URL}/api/account/export/${exportId}\n\n` +
      `The link works for ${EXPORT_TTL_HOURS} hours, and only while you are signed in as ${user.email}. If you did not ask for this, change your password.`,
  })
  return true
}

/**
 * Asks for an export (three per 15 minutes). The work is a job; without a reachable Inngest server
 * in development it runs here instead, as organization deletion does.
 */
export async function requestDataExport(userId: string): Promise<{ queued: boolean }> {
  assertAllowed(await checkRateLimit('emailPerAddress', `data-export:${userId}`), 'You asked for several exports just now: check your inbox.')
  const sent = await sendEvent(dataExportRequested.create({ userId }))
  if (!sent.skipped) return { queued: true }
  log.warn({ userId }, 'no Inngest server: building the data export in the request')
  const built = await buildDataExport(userId)
  if (built) await emailDataExportLink(userId, built.exportId)
  return { queued: false }
}

/** A finished export, for the signed-in person who asked for it; 404 for anyone else or once expired. */
export function getDataExport(userId: string, exportId: string): Promise<unknown> {
  return readExport(userId, exportId)
}
