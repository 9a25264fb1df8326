import { expect, test } from '@playwright/test'

// Boot, sign in as the seeded demo owner, create a project and see it listed.
test('sign in as the demo owner and create a project', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/sign-in$/)

  await page.getByLabel('Email').fill('owner@demo.test')
  await page.getByLabel('Password').fill('demo-password')
  await page.getByRole('button', { name: 'Sign in' }).click()

  await expect(page).toHaveURL(/\/t\/demo-company\/projects$/)
  const list = page.getByRole('list', { name: 'Projects' })
  await expect(list.getByText('Website relaunch', { exact: true })).toBeVisible()

  const name = `E2E project ${Date.now()}`
  await page.getByLabel('New project').fill(name)
  await page.getByRole('button', { name: 'Create project' }).click()
  await expect(page.getByRole('status')).toHaveText(`Created “${name}”.`)
  await expect(list.getByText(name, { exact: true })).toBeVisible()

  // Still there after a reload: it was stored, not only rendered.
  await page.reload()
  await expect(page.getByRole('list', { name: 'Projects' }).getByText(name, { exact: true })).toBeVisible()
})

test('a wrong password is refused with a message next to the form', async ({ page }) => {
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill('owner@demo.test')
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toHaveText('That email and password do not match an account.')
  await expect(page).toHaveURL(/\/sign-in$/)
})

test('pages carry an enforced CSP: scripts run only with the response nonce, an injected handler does not', async ({ page }) => {
  const response = await page.goto('/sign-in')
  const csp = response?.headers()['content-security-policy'] ?? ''
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
  expect(nonce).toBeTruthy()
  const nonces = await page.locator('script').evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce))
  expect(nonces.length).toBeGreaterThan(0)
  expect(new Set(nonces)).toEqual(new Set([nonce]))
  // What an HTML-injection bug would plant: an inline handler. Without the CSP it would run.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="/no-such-image.png" onerror="window.injected = true">'))
  await page.waitForTimeout(500)
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected === true)).toBe(false)
  // A new nonce for every response.
  const again = await page.reload()
  expect(again?.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`)
  // And the page still works under it: the form's own script validates before sending.
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Enter a valid email address, like name@example.com.')).toBeVisible()
})
