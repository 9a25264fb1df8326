import { expect, test } from '@playwright/test'
import { finishedRun } from './jobs'
import { linkFromEmail } from './outbox'
import { freshOrganization } from './organizations'

// An owner exports the organization: the job (compliance-export-organization) runs through the local
// jobs runner against the real /api/inngest route, and the emailed link downloads the file.
test('an owner exports the organization and downloads it from the emailed link', async ({ page }) => {
  const name = `Exported ${Date.now()}`
  const { slug } = await freshOrganization(page, name)
  await page.getByLabel('New project').fill('In the export')
  await page.getByRole('button', { name: 'Create project' }).click()
  await expect(page.getByRole('status')).toHaveText('Created “In the export”.')

  await page.goto(`/t/${slug}/members`)
  await page.getByRole('button', { name: 'Email me an export' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'download link will arrive' })).toBeVisible()
  const run = await finishedRun('tenantkit-compliance-export-organization', (r) => r.eventData.tenantSlug === slug)
  expect(run.status).toBe('completed')

  const link = await linkFromEmail('member@demo.test', '/api/account/export/')
  const response = await page.request.get(link)
  expect(response.status()).toBe(200)
  const data = (await response.json()) as { organization: { slug: string; name: string }; projects: { name: string }[] }
  expect(data.organization).toMatchObject({ slug, name })
  expect(data.projects.map((p) => p.name)).toEqual(['In the export'])
})
