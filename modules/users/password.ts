import 'server-only'
import { hash, verify } from '@node-rs/argon2'

// argon2id with the library's defaults (OWASP's 19 MiB, t=2, p=1).
export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

// Verifying against this when the email is unknown keeps "no such user" and "wrong password" equally
// slow, so response time does not reveal which accounts exist.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$PWgE/h4or9PEOAWGnb3ahg$ZHNnQvxujfVdBcr/oWy5vY6et/HnTqsw4Bmeg7sejVg'

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DUMMY_HASH, password)
    return ok && passwordHash !== null
  } catch {
    return false
  }
}
