// What `npm run dev`, `db:migrate` and `db:seed` share: the user's .env files, and local defaults
// for the secrets a fresh clone has none of.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '..')
export const DATA_DIR = path.join(ROOT, '.data')

/** Loads .env then .env.local (later files do not override what is already set). */
export function loadEnvFiles(): string[] {
  const loaded: string[] = []
  for (const name of ['.env.local', '.env']) {
    const file = path.join(ROOT, name)
    if (existsSync(file)) {
      process.loadEnvFile(file)
      loaded.push(name)
    }
  }
  return loaded
}

/** AUTH_SECRET for local runs: generated once and kept in .data/, so sessions survive restarts. */
export async function localAuthSecret(): Promise<string> {
  const file = path.join(DATA_DIR, 'auth-secret')
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim()
  await mkdir(DATA_DIR, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  await writeFile(file, `${secret}\n`, { mode: 0o600 })
  return secret
}
