import 'server-only'
import { getDb } from './client'

/** Round trip to Postgres through the app's pool (readiness probe). */
export async function pingDatabase(): Promise<void> {
  await getDb().pool.query('select 1')
}
