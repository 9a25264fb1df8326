// The REST protocol against a real Redis: encoding, pipeline, multi-exec, auth, bad requests.
import { Redis as IORedis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RedisServer } from '../stack/redis'
import { client, post, startEndpoint, startTestRedis, uniquePrefix, type Endpoint } from './test-endpoints'

let redis: RedisServer
let endpoint: Endpoint
const p = uniquePrefix('server')

beforeAll(async () => {
  redis = await startTestRedis()
  endpoint = await startEndpoint('redis', redis.url)
})

afterAll(async () => {
  await endpoint?.close()
  await redis?.stop()
})

const awkwardStrings = ['', 'OK', 'null', '123', '{not json', 'é😀 ü 中文', '\u0000\u0001\u001f\t\n\r "quoted" \\ back', 'x'.repeat(70_000)]

describe('values through the base64 response encoding', () => {
  for (const autoPipelining of [true, false]) {
    it(`round-trips JSON objects (autoPipelining ${autoPipelining})`, async () => {
      const c = client(endpoint.url, { autoPipelining })
      const value = { id: 'sess_1', roles: ['owner'], n: 42, nested: { ok: true, text: 'é😀' } }
      expect(await c.set(`${p}json:${autoPipelining}`, value)).toBe('OK')
      expect(await c.get(`${p}json:${autoPipelining}`)).toEqual(value)
    })
  }

  it('round-trips unicode and binary-ish strings exactly', async () => {
    const c = client(endpoint.url, { parseJson: false, autoPipelining: false })
    for (const [i, text] of awkwardStrings.entries()) {
      await c.set(`${p}str:${i}`, text)
      expect(await c.get(`${p}str:${i}`)).toBe(text)
    }
  })

  it('also works without the encoding header (responseEncoding: false)', async () => {
    const c = client(endpoint.url, { parseJson: false, base64: false })
    await c.set(`${p}plain`, 'é😀')
    expect(await c.get(`${p}plain`)).toBe('é😀')
  })

  it('sends raw bytes byte for byte, and a bare OK unencoded', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    const direct = new IORedis(redis.url)
    await direct.set(`${p}bytes`, bytes)
    direct.disconnect()
    const got = await post(endpoint.url, '/', JSON.stringify(['GET', `${p}bytes`]), { 'upstash-encoding': 'base64' })
    expect(got.json).toEqual({ result: bytes.toString('base64') })
    const set = await post(endpoint.url, '/', JSON.stringify(['SET', `${p}x`, 'OK']), { 'upstash-encoding': 'base64' })
    expect(set.json).toEqual({ result: 'OK' })
    const arr = await post(endpoint.url, '/', JSON.stringify(['MGET', `${p}x`, `${p}none`]), { 'upstash-encoding': 'base64' })
    expect(arr.json).toEqual({ result: ['T0s=', null] })
  })

  it('answers with a sync token header for readYourWrites', async () => {
    const got = await post(endpoint.url, '/', JSON.stringify(['PING']))
    expect(got.headers.get('upstash-sync-token')).toMatch(/^\d+$/)
  })
})

describe('pipeline and multi-exec', () => {
  it('runs a pipeline in order with per-command errors', async () => {
    const c = client(endpoint.url)
    const results = await c.pipeline().set(`${p}pl`, 5).incr(`${p}pl`).hget(`${p}pl`, 'f').get(`${p}pl`).exec({ keepErrors: true })
    expect(results.map((r) => r.result)).toEqual(['OK', 6, undefined, 6])
    expect(results[2]?.error).toMatch(/^WRONGTYPE/)
  })

  it('runs multi-exec as a transaction', async () => {
    const c = client(endpoint.url)
    expect(await c.multi().set(`${p}tx`, 'a').sadd(`${p}txs`, 'm1', 'm2').smembers(`${p}txs`).exec()).toEqual([
      'OK',
      2,
      expect.arrayContaining(['m1', 'm2']),
    ])
  })

  it('reports a command failing inside multi-exec like Upstash, and runs the others', async () => {
    const c = client(endpoint.url)
    await expect(c.multi().set(`${p}tx2`, 'x').hget(`${p}tx2`, 'f').exec()).rejects.toThrow(
      /Command 2 \[ hget \] failed: WRONGTYPE/,
    )
    const raw = await post(endpoint.url, '/multi-exec', JSON.stringify([['SET', `${p}tx3`, 'y'], ['HGET', `${p}tx3`, 'f']]))
    expect(raw.status).toBe(200)
    expect(raw.json).toEqual([{ result: 'OK' }, { error: 'WRONGTYPE Operation against a key holding the wrong kind of value' }])
    expect(await c.get(`${p}tx3`)).toBe('y')
  })

  it('fails a transaction Redis aborts (EXECABORT) as a whole, applying nothing', async () => {
    const raw = await post(endpoint.url, '/multi-exec', JSON.stringify([['SET', `${p}tx4`, 'z'], ['NOSUCHCOMMAND']]))
    expect(raw.status).toBe(400)
    expect(raw.json).toEqual({ error: 'EXECABORT Transaction discarded because of previous errors.' })
    expect(await client(endpoint.url).get(`${p}tx4`)).toBeNull()
  })
})

describe('auth and bad requests', () => {
  it('rejects a wrong token with 401 and the client throws', async () => {
    await expect(client(endpoint.url, { token: 'wrong' }).get(`${p}a`)).rejects.toThrow(/Unauthorized/)
    const raw = await post(endpoint.url, '/', '["PING"]', { authorization: 'Bearer wrong' })
    expect(raw).toMatchObject({ status: 401, json: { error: 'Unauthorized' } })
  })

  it('rejects a missing token with 401 on every path', async () => {
    for (const path of ['/', '/pipeline', '/multi-exec', '/nope']) {
      const raw = await post(endpoint.url, path, '["PING"]', { authorization: '' })
      expect(raw).toMatchObject({ status: 401, json: { error: 'Unauthorized' } })
    }
  })

  it('answers bad JSON and bad shapes with 400 and a clear message', async () => {
    const bad = await post(endpoint.url, '/', '["GET",')
    expect(bad.status).toBe(400)
    expect(bad.json).toEqual({ error: expect.stringMatching(/^Invalid JSON in request body/) })
    const notArray = await post(endpoint.url, '/', '{"cmd":"GET"}')
    expect(notArray).toMatchObject({ status: 400, json: { error: expect.stringMatching(/non-empty JSON array/) } })
    const nested = await post(endpoint.url, '/pipeline', '[["GET", {"a":1}]]')
    expect(nested).toMatchObject({ status: 400, json: { error: 'Command 0: argument 1 must be a string, number or boolean, got object' } })
  })

  it('answers a failed single command with 400 and the Redis error', async () => {
    const raw = await post(endpoint.url, '/', JSON.stringify(['INCR', `${p}a`, 'extra']))
    expect(raw).toMatchObject({ status: 400, json: { error: "ERR wrong number of arguments for 'incr' command" } })
  })

  it('refuses unknown paths and non-POST methods', async () => {
    expect((await post(endpoint.url, '/get/foo', '')).status).toBe(404)
    const res = await fetch(`${endpoint.url}/`, { headers: { authorization: 'Bearer test-token' } })
    expect(res.status).toBe(405)
  })
})
