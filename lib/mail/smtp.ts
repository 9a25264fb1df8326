import 'server-only'
import nodemailer from 'nodemailer'
import { AppError } from '../errors'
import { moduleLogger, type Logger } from '../logger'
import type { Email } from './email'

// Delivery over SMTP (nodemailer), used when SMTP_URL and EMAIL_FROM are set. One connection per
// message, no pool: serverless instances come and go, and a pooled socket would outlive them.

export type SmtpConfig = { url: string; from: string }
export type SmtpMailer = { send(email: Email): Promise<void> }

// NOTE: nodemailer waits 2 minutes for a connection and 10 for an idle socket by default; a
// request that sends a sign-up email would hang that long behind a dead server.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }

/** The part of an SMTP error worth logging: what failed, never the message or the credentials. */
function describe(error: unknown) {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown; message?: unknown }
  return { code: e.code, responseCode: e.responseCode, command: e.command, reason: typeof e.message === 'string' ? e.message.slice(0, 300) : undefined }
}

export function createSmtpMailer({ url, from }: SmtpConfig, log: Logger = moduleLogger('mailer')): SmtpMailer {
  const transport = nodemailer.createTransport({ url, ...TIMEOUTS })
  const host = new URL(url).host
  return {
    async send(email) {
      try {
        const info = await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text })
        // A server may accept the message and still refuse the only recipient.
        if (info.rejected.length > 0) throw Object.assign(new Error('recipient refused'), { responseCode: 550, command: 'RCPT TO' })
        log.info({ to: email.to, subject: email.subject, messageId: info.messageId, host }, 'email sent (SMTP)')
      } catch (error) {
        // The body carries sign-in and reset links: it stays out of the log, on failure as on success.
        log.error({ to: email.to, subject: email.subject, host, smtp: describe(error) }, 'email not sent (SMTP)')
        throw new AppError('mail.send_failed', 'unavailable', 'We could not send the email just now. Please try again in a few minutes.', {
          cause: error,
        })
      }
    },
  }
}
