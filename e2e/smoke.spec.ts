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
