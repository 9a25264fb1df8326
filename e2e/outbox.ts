import { readFileSync } from 'node:fs'
import { Redis } from '@upstash/redis'
import { E2E_STACK_FILE } from './stack-file'

// The app keeps every email in a Redis list when no mail provider is configured (lib/mailer.ts).

type Email = { to: string; subject: string; text: string }

/** The link to `path` in the newest email to `to`, waiting briefly for it to arrive. */
export async function linkFromEmail(to: string, path: string): Promise<string> {
  const { url, token } = JSON.parse(readFileSync(E2E_STACK_FILE, 'utf8')) as { url: string; token: string }
  const redis = new Redis({ url, token, enableTelemetry: false })
  for (let attempt = 0; attempt < 20; attempt++) {
    const emails = await redis.lrange<Email>('tenantkit:outbox', 0, 50)
    const email = emails.find((e) => e.to === to && e.text.includes(path))
    const link = email?.text.match(/https?:\/\/\S+/)?.[0]
    if (link) return link
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`no email to ${to} with a ${path} link`)
}
