// A stand-in for Inngest's event API during the webhook benchmark: accepts every event the way
// Inngest answers (`{ ids, status: 200 }`) and counts them, so the benchmark measures our intake,
// not a network hop to Inngest Cloud. Runs in its own process; prints its port, then serves
// GET /stats with what it received.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

// Only the Stripe hand-overs are counted: the seed also sends events (seat changes).
const COUNTED = 'billing/stripe-event.received'
let events = 0
const ids = new Set<string>()

const server = http.createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' })
    return res.end(JSON.stringify({ events, uniqueIds: ids.size }))
  }
  let body = ''
  for await (const chunk of req) body += String(chunk)
  if (req.method !== 'POST' || !req.url?.startsWith('/e/')) {
    res.writeHead(404)
    return res.end()
  }
  const list = [JSON.parse(body) as { name?: string; id?: string } | { name?: string; id?: string }[]].flat()
  for (const event of list) {
    if (event.name !== COUNTED) continue
    events++
    if (event.id) ids.add(event.id)
  }
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ ids: list.map((e, i) => e.id ?? `stub-${Date.now()}-${i}`), status: 200 }))
})

server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
