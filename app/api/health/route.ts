// GET /api/health – liveness: the process answers. Touches nothing else, so a database outage does
// not get healthy instances restarted.
export const dynamic = 'force-dynamic'

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } })
}
