import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import { getRedis } from '@/lib/redis'
import { UsersError } from './errors'

// Finished data exports wait in Redis for their owner to download them, then expire. The key holds
// the owner's id and the sha256 of the random id in the emailed link: only that person, signed in,
// finds it, and a copy of Redis yields no working link.
//
// NOTE on size: the export is one Redis value, written in one request and served in one response.
// Upstash refuses requests above 10 MB (Free and Pay-as-you-go), and a Vercel Function's response
// stops at 4.5 MB, so anything above MAX_EXPORT_BYTES is refused here rather than failing later. A
// person's profile, memberships, sessions and newest security events weigh kilobytes. An export of
// bulk data (files, thousands of records) belongs in object storage (S3, R2, Vercel Blob) behind a
// short-lived signed URL instead.

export const EXPORT_TTL_HOURS = 24
export const MAX_EXPORT_BYTES = 4_000_000

const exportKey = (userId: string, id: string) => `tenantkit:export:${userId}:${createHash('sha256').update(id).digest('base64url')}`

/** Stores the export for EXPORT_TTL_HOURS; returns the id for the download link. */
export async function storeExport(userId: string, data: unknown): Promise<{ id: string; bytes: number }> {
  const json = JSON.stringify(data)
  const bytes = Buffer.byteLength(json)
  if (bytes > MAX_EXPORT_BYTES) {
    throw new UsersError('users.export_too_large', 'internal', `The export is ${bytes} bytes, above the ${MAX_EXPORT_BYTES} this storage serves.`)
  }
  const id = randomBytes(32).toString('base64url')
  await getRedis().set(exportKey(userId, id), json, { ex: EXPORT_TTL_HOURS * 3600 })
  return { id, bytes }
}

/** The stored export, for its owner only; 404 for anyone else, and once it has expired. */
export async function readExport(userId: string, id: string): Promise<unknown> {
  const data = await getRedis().get<unknown>(exportKey(userId, id))
  if (data === null) {
    throw new UsersError('users.export_not_found', 'not_found', 'This export does not exist or has expired. Ask for a new one on your account page.')
  }
  return data
}

/** Seconds until the export expires (tests, and the email's wording). */
export function exportTtlSeconds(userId: string, id: string): Promise<number> {
  return getRedis().ttl(exportKey(userId, id))
}
