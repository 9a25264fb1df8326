// The seed is app code (it goes through the modules' services), so it runs in its own process
// with the app's environment, the same way the app would.
import { spawn } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')

export function runSeed(env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), '--import', './scripts/server-only-hook.mjs', 'prisma/seed.ts'],
      // The seed itself refuses NODE_ENV=production; local production builds (e2e, bench) seed as development.
      { cwd: ROOT, env: { ...env, NODE_ENV: 'development', LOG_LEVEL: env.LOG_LEVEL ?? 'warn' }, stdio: 'inherit' },
    )
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed failed (exit ${code})`))))
  })
}
