import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertNotBreached, breachCount } from './breached-password'

// A local stand-in for the Pwned Passwords range API, answering like the real one (SUFFIX:COUNT
// lines, padded with zero-count entries); it records which prefixes were asked for.
const BREACHED = 'password123456'
const asked: string[] = []
let url = ''
let server: http.Server

beforeAll(async () => {
  const sha1 = createHash('sha1').update(BREACHED).digest('hex').toUpperCase()
  server = http.createServer((request, response) => {
    const prefix = request.url?.split('/range/')[1] ?? ''
    asked.push(prefix)
    const lines = ['0000000000000000000000000000000000A:0', '1111111111111111111111111111111111B:3']
    if (prefix === sha1.slice(0, 5)) lines.push(`${sha1.slice(5)}:52579`)
    response.end(lines.join('\r\n'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('breached passwords', () => {
  it('finds a breached password by its hash range, sending only the 5-character prefix', async () => {
    expect(await breachCount(BREACHED, { enabled: true, url })).toBe(52579)
    expect(asked.at(-1)).toHaveLength(5)
    await expect(assertNotBreached(BREACHED, { enabled: true, url })).rejects.toMatchObject({ code: 'users.password_breached', kind: 'bad_request' })
  })

  it('accepts a password that is not in the range', async () => {
    expect(await breachCount('a-long-and-unusual-passphrase-7731', { enabled: true, url })).toBe(0)
    await expect(assertNotBreached('a-long-and-unusual-passphrase-7731', { enabled: true, url })).resolves.toBeUndefined()
  })

  it('fails open when the API is unreachable, and asks nothing when off', async () => {
    expect(await breachCount(BREACHED, { enabled: true, url: 'http://127.0.0.1:9' })).toBeNull()
    const before = asked.length
    expect(await breachCount(BREACHED, { enabled: false, url })).toBeNull()
    expect(asked.length).toBe(before)
  })
})
