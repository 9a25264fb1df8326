import net from 'node:net'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEnv } from '@/lib/env'
import { readOutbox, sendEmail } from '@/lib/mailer'
import { createSmtpMailer } from './smtp'
import { startSmtpListener, type SmtpListener } from './smtp-listener'

const FROM = 'Tenantkit <no-reply@test.local>'
const SECRET_LINK = 'https://app.test/reset-password?token=do-not-log-me'

function capturingLogger() {
  const lines: string[] = []
  return { lines, log: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }) }
}

async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('SMTP transport', () => {
  let listener: SmtpListener
  beforeAll(async () => {
    listener = await startSmtpListener()
  })
  afterAll(() => listener.close())

  it('delivers through a real SMTP server, authenticating with the credentials in SMTP_URL', async () => {
    const { lines, log } = capturingLogger()
    const mailer = createSmtpMailer({ url: listener.url('mailer:s3cret'), from: FROM }, log)
    await mailer.send({ to: 'ada@test.local', subject: 'Reset your password', text: `Choose a new one: ${SECRET_LINK}` })

    const message = listener.received.at(-1)
    expect(message?.auth).toBe('\u0000mailer\u0000s3cret')
    expect(message?.from).toContain('<no-reply@test.local>')
    expect(message?.to).toEqual([expect.stringContaining('<ada@test.local>')])
    expect(message?.data).toContain('Subject: Reset your password')
    expect(message?.data).toContain('From: Tenantkit <no-reply@test.local>')
    expect(message?.data).toContain('do-not-log-me')
    expect(lines.join('')).toContain('email sent (SMTP)')
    expect(lines.join('')).not.toContain('do-not-log-me')
  })

  it('throws when the server refuses the recipient, and logs why without the body or the password', async () => {
    const refusing = await startSmtpListener({ refuseRecipients: true })
    const { lines, log } = capturingLogger()
    try {
      const mailer = createSmtpMailer({ url: refusing.url('mailer:s3cret'), from: FROM }, log)
      const sent = mailer.send({ to: 'nobody@test.local', subject: 'Hello', text: SECRET_LINK })
      await expect(sent).rejects.toMatchObject({ code: 'mail.send_failed', kind: 'unavailable' })
    } finally {
      await refusing.close()
    }
    expect(refusing.received).toHaveLength(0)
    const logged = lines.join('')
    expect(logged).toContain('email not sent (SMTP)')
    expect(logged).toContain('"responseCode":550')
    expect(logged).not.toContain('do-not-log-me')
    expect(logged).not.toContain('s3cret')
  })

  it('throws when nothing listens', async () => {
    const { log } = capturingLogger()
    const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${await closedPort()}`, from: FROM }, log)
    await expect(mailer.send({ to: 'ada@test.local', subject: 'Hello', text: 'Hi' })).rejects.toMatchObject({ code: 'mail.send_failed' })
  })
})

describe('sendEmail with SMTP_URL set', () => {
  let listener: SmtpListener
  beforeAll(async () => {
    listener = await startSmtpListener()
    // NOTE: getEnv() caches per test file (vitest isolates modules per file) and nothing in this
    // file has read it yet; process.env is shared by the worker's files, so it is restored below.
    process.env.SMTP_URL = listener.url()
    process.env.EMAIL_FROM = FROM
  })
  afterAll(async () => {
    delete process.env.SMTP_URL
    delete process.env.EMAIL_FROM
    await listener.close()
  })

  it('goes out over SMTP instead of the outbox', async () => {
    const to = `smtp-${Date.now()}@test.local`
    await sendEmail({ to, subject: 'Welcome', text: 'Hello there' })
    expect(listener.received.map((m) => m.to)).toContainEqual([expect.stringContaining(to)])
    expect((await readOutbox(200)).some((email) => email.to === to)).toBe(false)
  })
})

describe('SMTP settings', () => {
  const base = { DATABASE_URL: 'postgres://x@localhost/x', UPSTASH_REDIS_REST_URL: 'http://localhost:8079', UPSTASH_REDIS_REST_TOKEN: 't', AUTH_SECRET: 'x'.repeat(32) }

  it('needs EMAIL_FROM with SMTP_URL, and a smtp:// or smtps:// URL', () => {
    expect(() => parseEnv({ ...base, SMTP_URL: 'smtp://localhost:2525' })).toThrow(/EMAIL_FROM is required when SMTP_URL is set/)
    expect(() => parseEnv({ ...base, SMTP_URL: 'http://localhost:2525', EMAIL_FROM: FROM })).toThrow(/SMTP_URL must look like smtp:\/\//)
    expect(parseEnv({ ...base, SMTP_URL: 'smtps://u:p@smtp.example.com', EMAIL_FROM: FROM }).SMTP_URL).toBe('smtps://u:p@smtp.example.com')
    expect(parseEnv({ ...base, SMTP_URL: '', EMAIL_FROM: '' }).SMTP_URL).toBeUndefined()
  })
})
