import { expect, test } from '@playwright/test'
import { freshOrganization } from './organizations'

// The URL names the organization. Opening another organization's address directly (a bookmark, a
// second tab) must show that organization's data, even though the session was active elsewhere.
test("an organization's URL shows that organization, whichever one the session was in", async ({ page }) => {
  const { slug } = await freshOrganization(page, `Urls ${Date.now()}`)
  const name = `Only in ${slug}`
  await page.getByLabel('New project').fill(name)
  await page.getByRole('button', { name: 'Create project' }).click()
  await expect(page.getByRole('list', { name: 'Projects' }).getByText(name, { exact: true })).toBeVisible()

  await page.goto('/t/demo-company/projects')
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible()
  await expect(page.getByText(name, { exact: true })).toHaveCount(0)
  await expect(page.getByRole('list', { name: 'Projects' }).getByText('Website relaunch', { exact: true })).toBeVisible()

  await page.goto(`/t/${slug}/projects`)
  await expect(page.getByRole('list', { name: 'Projects' }).getByText(name, { exact: true })).toBeVisible()
  await expect(page.getByText('Website relaunch', { exact: true })).toHaveCount(0)

  // Not a member: 404, never another organization's data.
  const response = await page.goto('/t/no-such-organization/projects')
  expect(response?.status()).toBe(404)
})
