import { expect, type Page } from '@playwright/test'
import { signIn } from './flows'

/**
 * Signs in as the seeded demo member and creates a fresh organization, which they own (Free plan, no
 * projects); the page ends on its projects page. Not a sign-up: the per-IP sign-up limit belongs to
 * the specs about signing up. Not the demo owner: a sign-in lands in the organization used last,
 * and the smoke spec expects the owner to land in demo-company.
 */
export async function freshOrganization(page: Page, name: string): Promise<{ slug: string }> {
  await signIn(page, 'member@demo.test', 'demo-password')
  await expect(page).toHaveURL(/\/projects$/)
  await page.goto('/organizations/new')
  await page.getByLabel('Organization name').fill(name)
  await page.getByRole('button', { name: 'Create organization' }).click()
  await expect(page).toHaveURL(/\/t\/[^/]+\/projects$/)
  return { slug: new URL(page.url()).pathname.split('/')[2] ?? '' }
}
