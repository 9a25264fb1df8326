import 'server-only'
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { getEnv } from '@/lib/env'

// A TOTP secret in the clear would let anyone holding a database dump mint valid codes. It is sealed
// with AES-256-GCM under a key derived from AUTH_SECRET, which lives in the deployment, not the
// database. Rotating AUTH_SECRET therefore also voids enrolled authenticators (ADR 020).

const VERSION = 'v1'

function key(): Buffer {
  return Buffer.from(hkdfSync('sha256', getEnv().AUTH_SECRET, 'tenantkit', 'totp-secret v1', 32))
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
}

/** The plain secret, or null when it was sealed under another key or tampered with. */
export function openSecret(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== VERSION || !iv || !tag || !body) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
