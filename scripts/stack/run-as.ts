// Postgres and PgBouncer refuse to run as root. When this process is root (CI, containers), they are
// started as the unprivileged `postgres` user instead, and the files they need are handed to it.
import { execFileSync } from 'node:child_process'
import { chown } from 'node:fs/promises'
import { userInfo } from 'node:os'

export type RunAs = { uid: number; gid: number } | null

/** The uid/gid to start database processes with: null when this process may run them itself. */
export function databaseProcessUser(): RunAs {
  if (userInfo().uid !== 0) return null
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    return { uid, gid }
  } catch {
    throw new Error(
      'Running as root, and there is no `postgres` user to run the database as. ' +
        'Run as a normal user, or create one (useradd --system postgres).',
    )
  }
}

/** Gives `path` to the database user when there is one (no-op otherwise). */
export async function handOver(path: string, runAs: RunAs): Promise<void> {
  if (runAs) await chown(path, runAs.uid, runAs.gid)
}
