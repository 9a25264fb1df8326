import { expect, test } from '@playwright/test'
import { linkFromEmail } from './outbox'
import { signIn } from './flows'

test('sign up, confirm the email from the outbox, sign in, then reset the password', async ({ page }) => {
  const email = `e2e-${Date.now()}@test.local`
  await page.goto('/sign-up')
  await page.getByLabel('Your name').fill('Erin Example')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password (12+ characters)').fill('first-password-123')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('status')).toContainText('Open it to confirm your email')

  // Not confirmed yet: sign-in says what to do.
  await signIn(page, email, 'first-password-123')
  await expect(page.getByRole('alert').filter({ hasText: 'Confirm your email' })).toBeVisible()

  await page.goto(await linkFromEmail(email, '/verify-email'))
  await page.getByRole('button', { name: 'Confirm my email' }).click()
  await expect(page.getByRole('status')).toContainText(`${email} is confirmed`)

  await signIn(page, email, 'first-password-123')
  await expect(page).toHaveURL(/\/t\/erin-example-s-workspace\/projects$/)

  // Forgot the password: the reset link signs every session out.
  await page.context().clearCookies()
  await page.goto('/forgot-password')
  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', { name: 'Email me a reset link' }).click()
  await expect(page.getByRole('status')).toContainText('Check your inbox')
  await page.goto(await linkFromEmail(email, '/reset-password'))
  await page.getByLabel('New password (12+ characters)').fill('second-password-456')
  await page.getByLabel('Repeat it').fill('second-password-456')
  await page.getByRole('button', { name: 'Set password' }).click()
  await expect(page.getByRole('status')).toContainText('Your password is changed')

  await signIn(page, email, 'first-password-123')
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible()
  await signIn(page, email, 'second-password-456')
  await expect(page).toHaveURL(/\/projects$/)
})

test('forms check input with the server schema before sending anything', async ({ page }) => {
  await page.goto('/sign-up')
  const posts: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url())
  })
  await page.getByLabel('Your name').fill('Shorty')
  await page.getByLabel('Email').fill('not-an-email')
  await page.getByLabel('Password (12+ characters)').fill('short')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible()
  await expect(page.getByText('Enter a valid email address, like name@example.com.')).toBeVisible()
  expect(posts).toEqual([])
})
