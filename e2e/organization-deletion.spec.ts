import { expect, test } from '@playwright/test'
import { finishedRun } from './jobs'
import { freshOrganization } from './organizations'

// Deleting an organization is a background job (users-delete-organization). Here it runs through
// the local jobs runner against the real /api/inngest route: not in the request, not skipped.

test('an owner deletes an organization; the job removes it and ends the sessions there', async ({ page }) => {
  const { slug } = await freshOrganization(page, `Doomed ${Date.now()}`)
  await page.getByLabel('New project').fill('Soon gone')
  await page.getByRole('button', { name: 'Create project' }).click()
  await expect(page.getByRole('status')).toHaveText('Created “Soon gone”.')

  await page.goto(`/t/${slug}/members`)
  await page.getByLabel(`Type ${slug} to confirm`).fill(slug)
  await page.getByRole('button', { name: 'Delete organization' }).click()

  const run = await finishedRun('tenantkit-users-delete-organization', (r) => r.eventData.tenantSlug === slug)
  expect(run).toMatchObject({ status: 'completed', output: { members: 1 } })
  // The job's last step ended the sessions that were in the organization, this one included.
  await page.goto(`/t/${slug}/projects`)
  await expect(page).toHaveURL(/\/sign-in$/)
})
