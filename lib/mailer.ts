import 'server-only'
import { getEnv } from './env'
import type { Email } from './mail/email'
import { sendToOutbox } from './mail/outbox'
import { createSmtpMailer, type SmtpMailer } from './mail/smtp'

// Outgoing email (docs/decisions/018-smtp-email.md). With SMTP_URL and EMAIL_FROM set, messages go
// out over SMTP (lib/mail/smtp.ts) and a failure throws: the caller decides whether its work stands
// without the email. Without them, every message goes to the log and the Redis outbox
// (lib/mail/outbox.ts), so every flow works locally.

export type { Email } from './mail/email'
export { OUTBOX_KEY, readOutbox, type OutboxEntry } from './mail/outbox'

let smtp: { url: string; from: string; mailer: SmtpMailer } | undefined

function smtpMailer(): SmtpMailer | null {
  const { SMTP_URL: url, EMAIL_FROM: from } = getEnv()
  if (!url || !from) return null
  if (smtp?.url !== url || smtp.from !== from) smtp = { url, from, mailer: createSmtpMailer({ url, from }) }
  return smtp.mailer
}

/** Sends one email; throws an AppError (`mail.send_failed`, 503) when the SMTP server refuses it. */
export async function sendEmail(email: Email): Promise<void> {
  const mailer = smtpMailer()
  if (mailer) await mailer.send(email)
  else await sendToOutbox(email)
}
