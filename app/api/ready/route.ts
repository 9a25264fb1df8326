// GET /api/ready – readiness: Postgres and Redis both answer within a second, else 503.
import { pingDatabase } from '@/lib/db'
import { logger } from '@/lib/logger'
import { pingRedis } from '@/lib/redis'

export const dynamic = 'force-dynamic'

async function check(name: string, probe: () => Promise<void>): Promise<[string, 'ok' | 'unreachable']> {
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 1 s')), 1_000))])
    return [name, 'ok']
  } catch (error) {
    logger.warn({ err: error, dependency: name }, 'readiness check failed')
    return [name, 'unreachable']
  }
}

export async function GET(): Promise<Response> {
  const checks = Object.fromEntries(await Promise.all([check('postgres', pingDatabase), check('redis', pingRedis)]))
  const ready = Object.values(checks).every((status) => status === 'ok')
  return Response.json({ status: ready ? 'ready' : 'unavailable', checks }, { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } })
}
