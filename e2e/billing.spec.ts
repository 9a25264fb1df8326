import { expect, test, type Page } from '@playwright/test'
import { finishedRun } from './jobs'
import { freshOrganization } from './organizations'

// Plan limits end to end: a Free organization hits its project limit, the 402 names the plan that
// lifts it, the owner buys it through (fake) Stripe Checkout, the signed webhooks reach the app,
// the background job syncs the subscription (through the local jobs runner), and the limit is gone.

async function createProject(page: Page, name: string) {
  await page.getByLabel('New project').fill(name)
  await page.getByRole('button', { name: 'Create project' }).click()
}

test('an owner on Free hits the project limit, upgrades to Pro through Checkout, and can create more', async ({ page }) => {
  test.setTimeout(120_000)
  await freshOrganization(page, `Billing ${Date.now()}`)
  const projectsUrl = page.url()

  for (let n = 1; n <= 5; n++) {
    await createProject(page, `Project ${n}`)
    await expect(page.getByRole('status')).toHaveText(`Created “Project ${n}”.`)
  }
  await createProject(page, 'Project 6')
  await expect(page.getByRole('alert').filter({ hasText: 'plan' })).toHaveText('The Free plan includes 5 active projects. Upgrade to Pro for 50.')
  await expect(page.getByRole('list', { name: 'Projects' }).getByRole('listitem')).toHaveCount(5)

  const startedAt = new Date().toISOString()
  await page.getByRole('link', { name: 'Upgrade to Pro' }).click()
  await expect(page).toHaveURL(/\/billing$/)
  await page.getByRole('listitem').filter({ hasText: 'Pro' }).getByRole('button', { name: 'Upgrade to Pro' }).click()

  // Stripe's hosted page (the fake one in e2e/serve.ts), for the price the app sells as Pro.
  await expect(page.getByRole('heading', { name: 'Subscribe' })).toBeVisible()
  await expect(page.getByText('price_e2e_pro_monthly')).toBeVisible()
  await page.getByRole('button', { name: 'Pay' }).click()

  // Back before the webhooks have necessarily been handled: the page waits for the job.
  await expect(page).toHaveURL(/\/billing\/success\?plan=pro$/)
  await expect(page.getByRole('status')).toHaveText('Done: you are on the Pro plan (trialing).', { timeout: 30_000 })
  const sync = await finishedRun('tenantkit-billing-sync-subscription', (run) => run.startedAt >= startedAt)
  expect(sync.status).toBe('completed')

  await page.goto(projectsUrl)
  await createProject(page, 'Project 6')
  await expect(page.getByRole('status')).toHaveText('Created “Project 6”.')
  await expect(page.getByRole('list', { name: 'Projects' }).getByRole('listitem')).toHaveCount(6)

  await page.goto(projectsUrl.replace(/projects$/, 'billing'))
  await expect(page.getByRole('heading', { name: 'Pro plan' })).toBeVisible()
})
