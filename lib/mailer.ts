import 'server-only'
import { moduleLogger } from './logger'
import { getRedis } from './redis'

// Outgoing email. Without a mail provider configured, every message is written to the log and kept
// in a short Redis list (the "outbox") where a developer, and the e2e tests, can read the links.

export type Email = { to: string; subject: string; text: string }

const log = moduleLogger('mailer')
export const OUTBOX_KEY = 'tenantkit:outbox'
const OUTBOX_SIZE = 200

export async function sendEmail(email: Email): Promise<void> {
  // NOTE: a real provider (SMTP, Resend, Postmark) plugs in here; until one is configured the
  // outbox is the delivery, so nothing is lost and every flow works locally.
  log.info({ to: email.to, subject: email.subject, body: email.text }, 'email (outbox: no mail provider configured)')
  await getRedis()
    .pipeline()
    .lpush(OUTBOX_KEY, JSON.stringify({ ...email, sentAt: new Date().toISOString() }))
    .ltrim(OUTBOX_KEY, 0, OUTBOX_SIZE - 1)
    .exec()
}

/** The newest messages first (development and tests). */
export async function readOutbox(limit = 50): Promise<(Email & { sentAt: string })[]> {
  const raw = await getRedis().lrange<string | (Email & { sentAt: string })>(OUTBOX_KEY, 0, limit - 1)
  return raw.map((entry) => (typeof entry === 'string' ? (JSON.parse(entry) as Email & { sentAt: string }) : entry))
}
