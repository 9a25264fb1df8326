import path from 'node:path'
import { defineConfig } from 'vitest/config'

const root = import.meta.dirname
const alias = {
  '@': root,
  // `server-only` throws outside React Server Components on purpose; tests are server code.
  'server-only': path.join(root, 'tests/setup/empty-module.ts'),
}

// next-auth imports `next/server` without an extension, which Node's ESM loader rejects; inlining it
// lets Vite resolve those imports the way Next's bundler does.
const server = { deps: { inline: ['next-auth'] } }

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          server,
          sequence: { groupOrder: 0 },
          include: ['{lib,modules,app,scripts,tests}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          setupFiles: ['tests/setup/console.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'int',
          server,
          sequence: { groupOrder: 1 },
          include: ['{lib,modules,app,scripts,tests}/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['tests/setup/global-int.ts'],
          setupFiles: ['tests/setup/console.ts', 'tests/setup/worker-int.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two cores: more workers would only queue on Postgres.
          maxWorkers: 2,
        },
      },
    ],
  },
})
