// The server the e2e tests run against: a production build (`next build` + `next start`) on a
// throwaway stack: embedded Postgres, a real redis-server behind the local Upstash endpoint, demo data.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { writeFile } from 'node:fs/promises'
import { runSeed } from '@/scripts/db/run-seed'
import { E2E_STACK_FILE } from './stack-file'
import { productionEnv, startLocalStack } from '@/scripts/stack/local-stack'

const root = path.resolve(import.meta.dirname, '..')
const port = Number(process.env.E2E_PORT ?? 3100)
const nextBin = path.join(root, 'node_modules/next/dist/bin/next')
const log = (line: string) => console.log(`[e2e] ${line}`)

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { cwd: root, env, stdio: 'inherit' })
}

function finished(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next ${child.spawnargs[2]} exited with ${code}`)))),
  )
}

const stack = await startLocalStack({ redis: 'server', log })
// The specs read the email outbox from the same Redis (e2e/outbox.ts).
await writeFile(E2E_STACK_FILE, JSON.stringify({ url: stack.env.UPSTASH_REDIS_REST_URL, token: stack.env.UPSTASH_REDIS_REST_TOKEN }))
const env = productionEnv(stack, port)
let server: ChildProcess | undefined
let second: ChildProcess | undefined
const stop = async () => {
  server?.kill('SIGTERM')
  second?.kill('SIGTERM')
  await stack.stop()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())

try {
  await runSeed(env)
  if (process.env.E2E_SKIP_BUILD !== '1') await finished(run(['build'], env))
  server = run(['start', '--port', String(port)], env)
  // A second instance of the same build on the same Postgres and Redis: sessions and rate limits
  // must be shared (e2e/two-instances.spec.ts).
  second = run(['start', '--port', String(port + 1)], env)
  server.on('exit', (code) => {
    log(`next start exited with ${code}`)
    void stop()
  })
} catch (error) {
  log(error instanceof Error ? error.message : String(error))
  await stack.stop()
  process.exit(1)
}
