import { readOutbox } from '@/lib/mailer'

/** The newest email sent to `to`, or undefined. */
export async function lastEmailTo(to: string) {
  return (await readOutbox(200)).find((email) => email.to === to)
}

/** The token in the newest email to `to` that links to `path`. */
export async function tokenFromEmail(to: string, path: string): Promise<string> {
  const email = await lastEmailTo(to)
  const match = email?.text.match(new RegExp(`${path}\\?token=([A-Za-z0-9_%-]+)`))
  if (!match?.[1]) throw new Error(`no ${path} link in the last email to ${to}: ${email?.text ?? '(none)'}`)
  return decodeURIComponent(match[1])
}
