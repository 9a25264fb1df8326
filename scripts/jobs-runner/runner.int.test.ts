import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Inngest, NonRetriableError } from 'inngest'
import { serve } from 'inngest/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startJobsRunner, type JobsRunner, type RunRecord } from './server'

// The runner against a real Inngest SDK serve endpoint (inngest/node; the app uses inngest/next,
// which speaks the same protocol): what the e2e suite relies on, checked function by function.

const silent = { info() {}, warn() {}, error() {}, debug() {} }
const lines: string[] = []
let listener: RequestListener = (_req, res) => res.end()
const app = createServer((req, res) => listener(req, res))
let runner: JobsRunner
let inngest: Inngest

const seen = {
  attempts: [] as number[],
  chained: [] as number[],
  failures: [] as { message: string; original: unknown }[],
  active: new Map<string, number>(),
  maxActive: new Map<string, number>(),
  planEvents: [] as string[],
  debounced: [] as unknown[],
}

beforeAll(async () => {
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`
  runner = await startJobsRunner({ apps: [appUrl], log: (line) => lines.push(line), retryBaseMs: 10, retryMaxMs: 50 })
  inngest = new Inngest({ id: 'runner-test', isDev: true, baseUrl: runner.url, logger: silent })

  const chainFirst = inngest.createFunction({ id: 'chain-first', triggers: [{ event: 'test/chain.started' }] }, async ({ event, step }) => {
    const doubled = await step.run('double', () => Number(event.data.n) * 2)
    await step.sendEvent('announce', { name: 'test/chain.doubled', data: { n: doubled } })
    return doubled
  })
  const chainSecond = inngest.createFunction({ id: 'chain-second', triggers: [{ event: 'test/chain.doubled' }] }, async ({ event, step }) => {
    await step.run('record', () => seen.chained.push(Number(event.data.n)))
    return Number(event.data.n) + 1
  })
  let flakyCalls = 0
  const flaky = inngest.createFunction({ id: 'flaky', retries: 3, triggers: [{ event: 'test/flaky.started' }] }, async ({ step, attempt }) => {
    const value = await step.run('flaky-step', () => {
      seen.attempts.push(attempt)
      if (++flakyCalls < 3) throw new Error('not yet')
      return flakyCalls
    })
    const [a, b] = await Promise.all([step.run('left', () => 'L'), step.run('right', () => 'R')])
    await step.sleep('pause', '20ms')
    return `${value}${a}${b}`
  })
  const doomed = inngest.createFunction(
    {
      id: 'doomed',
      retries: 2,
      triggers: [{ event: 'test/doomed.started' }],
      onFailure: ({ error, event }) => {
        seen.failures.push({ message: error.message, original: event.data.event })
      },
    },
    async ({ step }) => {
      await step.run('give-up', () => {
        throw new NonRetriableError('this cannot work')
      })
    },
  )
  const serial = inngest.createFunction(
    { id: 'serial', concurrency: { key: 'event.data.tenant', limit: 1 }, triggers: [{ event: 'test/serial.started' }] },
    async ({ event, step }) => {
      await step.run('work', async () => {
        const tenant = String(event.data.tenant)
        const now = (seen.active.get(tenant) ?? 0) + 1
        seen.active.set(tenant, now)
        seen.maxActive.set(tenant, Math.max(seen.maxActive.get(tenant) ?? 0, now))
        await new Promise((r) => setTimeout(r, 40))
        seen.active.set(tenant, now - 1)
      })
    },
  )
  const proOnly = inngest.createFunction(
    { id: 'pro-only', triggers: [{ event: 'test/plan.changed', if: "event.data.plan == 'pro'" }] },
    async ({ event }) => {
      seen.planEvents.push(String(event.data.plan))
    },
  )
  const settled = inngest.createFunction(
    { id: 'settled', debounce: { key: 'event.data.k', period: '1s' }, triggers: [{ event: 'test/burst.happened' }] },
    async ({ event }) => {
      seen.debounced.push(event.data)
    },
  )
  listener = serve({ client: inngest, functions: [chainFirst, chainSecond, flaky, doomed, serial, proOnly, settled] })
})

afterAll(async () => {
  await runner?.close()
  await new Promise((resolve) => app.close(resolve))
})

const runsOf = (functionId: string): RunRecord[] => runner.runs().filter((r) => r.functionId === `runner-test-${functionId}`)

describe('local jobs runner', () => {
  it('runs the steps of a function, and the functions that the events it sends trigger', async () => {
    await inngest.send({ name: 'test/chain.started', data: { n: 21 } })
    await runner.idle()
    expect(runsOf('chain-first')).toMatchObject([{ status: 'completed', output: 42 }])
    expect(runsOf('chain-second')).toMatchObject([{ status: 'completed', output: 43, eventName: 'test/chain.doubled' }])
    expect(seen.chained).toEqual([42])
  })

  it('retries a failing step with the next attempt number, then runs parallel steps and a sleep', async () => {
    await inngest.send({ name: 'test/flaky.started', data: {} })
    await runner.idle()
    expect(seen.attempts).toEqual([0, 1, 2])
    expect(runsOf('flaky')).toMatchObject([{ status: 'completed', output: '3LR' }])
  })

  it('fails a run on a non-retriable error and calls its onFailure handler with the error and the event', async () => {
    await inngest.send({ name: 'test/doomed.started', data: { tenantId: 't-1' } })
    await runner.idle()
    expect(runsOf('doomed')).toMatchObject([{ status: 'failed', error: { message: 'this cannot work' } }])
    expect(runsOf('doomed-failure')).toMatchObject([{ status: 'completed' }])
    expect(seen.failures).toMatchObject([{ message: 'this cannot work', original: { name: 'test/doomed.started', data: { tenantId: 't-1' } } }])
  })

  it('keeps steps with the same concurrency key one at a time, and different keys apart', async () => {
    await inngest.send(['a', 'a', 'a', 'b', 'b'].map((tenant) => ({ name: 'test/serial.started', data: { tenant } })))
    await runner.idle()
    expect(runsOf('serial').filter((r) => r.status === 'completed')).toHaveLength(5)
    expect(Object.fromEntries(seen.maxActive)).toEqual({ a: 1, b: 1 })
  })

  it('starts one run per event id, like Inngest, and evaluates trigger expressions', async () => {
    await inngest.send({ id: 'same-id', name: 'test/plan.changed', data: { plan: 'pro' } })
    await inngest.send({ id: 'same-id', name: 'test/plan.changed', data: { plan: 'pro' } })
    await inngest.send({ name: 'test/plan.changed', data: { plan: 'free' } })
    await runner.idle()
    expect(seen.planEvents).toEqual(['pro'])
    expect(runsOf('pro-only')).toHaveLength(1)
  })

  it('debounces per key: one run with the last event of a burst', async () => {
    for (const n of [1, 2, 3]) await inngest.send({ name: 'test/burst.happened', data: { k: 'a', n } })
    await inngest.send({ name: 'test/burst.happened', data: { k: 'b', n: 9 } })
    await runner.idle()
    expect(seen.debounced).toHaveLength(2)
    expect(seen.debounced).toEqual(expect.arrayContaining([{ k: 'a', n: 3 }, { k: 'b', n: 9 }]))
  })

  it('refuses to register a trigger expression it cannot evaluate', async () => {
    const response = await fetch(`${runner.url}/fn/register`, {
      method: 'POST',
      body: JSON.stringify({
        url: 'http://127.0.0.1:1/api/inngest',
        appName: 'other',
        functions: [{ id: 'x', triggers: [{ event: 'a/b.c', expression: 'size(event.data.items) > 2' }], steps: { step: { runtime: { type: 'http', url: 'http://127.0.0.1:1' } } } }],
      }),
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: string }).error).toContain('cannot evaluate')
  })
})
