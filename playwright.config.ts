import { defineConfig, devices } from '@playwright/test'

// Debian's Chromium (no browser download): PLAYWRIGHT_CHROMIUM_PATH or /usr/bin/chromium.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium'
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100)
const baseURL = `http://localhost:${E2E_PORT}`

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // Builds the app and serves it with `next start` against a throwaway stack (e2e/serve.ts).
    command: 'tsx e2e/serve.ts',
    url: `${baseURL}/api/ready`,
    // The production build alone takes minutes on a busy two-core machine.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(E2E_PORT) },
  },
})
