import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { INNGEST_DEV_PORT, startInngestDevServer } from './dev-inngest'

// `npm run dev`'s handling of the Inngest dev server, with stand-in commands for npx: the CLI
// that cannot be fetched (this machine, offline) and one that starts.

const taken = await fetch(`http://127.0.0.1:${INNGEST_DEV_PORT}`).then(
  () => true,
  () => false,
)
const logFile = async () => path.join(await mkdtemp(path.join(tmpdir(), 'inngest-dev-')), 'inngest-dev.log')
const node = (script: string) => ({ bin: process.execPath, args: ['-e', script] })

describe.skipIf(taken)('startInngestDevServer', () => {
  it('reports a CLI that cannot be fetched as unavailable, with the tail of its output', async () => {
    const server = await startInngestDevServer({
      serveUrl: 'http://localhost:3000/api/inngest',
      logFile: await logFile(),
      command: node("console.error('npm error command failed: node postinstall.js'); process.exit(1)"),
    })
    expect(server.status).toBe('unavailable')
    expect(server.status === 'unavailable' && server.reason).toMatch(/exited with 1:\nnpm error command failed: node postinstall.js/)
  })

  it('waits until the dev server answers on its port, and stops it again', async () => {
    const server = await startInngestDevServer({
      serveUrl: 'http://localhost:3000/api/inngest',
      logFile: await logFile(),
      command: node(`setTimeout(() => require('node:http').createServer((q, s) => s.end('ok')).listen(${INNGEST_DEV_PORT}, '127.0.0.1'), 300)`),
    })
    expect(server.status).toBe('started')
    // A second `npm run dev` finds it running and uses it.
    const again = await startInngestDevServer({ serveUrl: 'http://localhost:3000/api/inngest', logFile: await logFile(), command: node('process.exit(1)') })
    expect(again.status).toBe('existing')
    await server.stop()
    const stillThere = await fetch(`http://127.0.0.1:${INNGEST_DEV_PORT}`).then(
      () => true,
      () => false,
    )
    expect(stillThere).toBe(false)
  })

  it('gives up on a dev server that never answers', async () => {
    const server = await startInngestDevServer({
      serveUrl: 'http://localhost:3000/api/inngest',
      logFile: await logFile(),
      command: node('setInterval(() => {}, 1000)'),
      startTimeoutMs: 1_500,
    })
    expect(server.status === 'unavailable' && server.reason).toMatch(/did not answer on :8288 within 2 s/)
  })
})
