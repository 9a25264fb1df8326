import 'server-only'
import { moduleLogger } from '../logger'
import { getRedis } from '../redis'
import type { Email } from './email'

// Delivery without a mail server: every message is written to the log and kept in a short Redis
// list (the "outbox") where a developer, and the e2e tests, can read the links.

const log = moduleLogger('mailer')
export const OUTBOX_KEY = 'tenantkit:outbox'
const OUTBOX_SIZE = 200

export type OutboxEntry = Email & { sentAt: string }

export async function sendToOutbox(email: Email): Promise<void> {
  log.info({ to: email.to, subject: email.subject, body: email.text }, 'email (outbox: no SMTP_URL configured)')
  await getRedis()
    .pipeline()
    .lpush(OUTBOX_KEY, JSON.stringify({ ...email, sentAt: new Date().toISOString() }))
    .ltrim(OUTBOX_KEY, 0, OUTBOX_SIZE - 1)
    .exec()
}

/** The newest messages first (development and tests). */
export async function readOutbox(limit = 50): Promise<OutboxEntry[]> {
  const raw = await getRedis().lrange<string | OutboxEntry>(OUTBOX_KEY, 0, limit - 1)
  return raw.map((entry) => (typeof entry === 'string' ? (JSON.parse(entry) as OutboxEntry) : entry))
}
