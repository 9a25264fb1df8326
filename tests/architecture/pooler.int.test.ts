// The suite runs twice: straight to Postgres, and through a real PgBouncer in transaction mode
// (TEST_PGBOUNCER=1). This file proves which one it is talking to, and that the pooler really does
// what makes transaction-local settings necessary.
import { describe, expect, inject, it } from 'vitest'
import { withClient } from '@/tests/helpers/sql'

const stack = inject('stack')
const appPort = () => Number(new URL(process.env.DATABASE_URL ?? '').port)
const postgresPort = () => Number(new URL(stack.adminUrl).port)

describe.runIf(!stack.pgbouncer)('directly to Postgres', () => {
  it('the app connects to Postgres itself', async () => {
    expect(appPort()).toBe(postgresPort())
  })
})

describe.runIf(stack.pgbouncer)('through PgBouncer in transaction mode', () => {
  it('the app connects to PgBouncer, which connects to Postgres', async () => {
    expect(appPort()).not.toBe(postgresPort())
    const serverPort = await withClient(process.env.DATABASE_URL ?? '', async (c) => (await c.query('select inet_server_port() as p')).rows[0].p)
    expect(serverPort).toBe(postgresPort())
  })

  it('a session-level setting leaks to other clients (why withTenant only ever sets transaction-local ones)', async () => {
    const url = process.env.DATABASE_URL ?? ''
    const marker = `leak-${Date.now()}`
    await withClient(url, (c) => c.query(`select set_config('app.leak_probe', $1, false)`, [marker]))
    // Other clients get the same few server connections: some of them now see the setting.
    const seen = await Promise.all(
      Array.from({ length: 20 }, () => withClient(url, async (c) => (await c.query(`select current_setting('app.leak_probe', true) as v`)).rows[0].v)),
    )
    expect(seen).toContain(marker)
  })
})
