import { expect, test } from '@playwright/test'
import { linkFromEmail } from './outbox'

const CHECK_INBOX = 'if the address has an account, a sign-in link is on its way'

test('sign in with an emailed link: it confirms the address, works once, and says how to get a new one', async ({ page }) => {
  const email = `e2e-link-${Date.now()}@test.local`
  // A fresh account that never confirmed its address: the sign-in link will confirm it.
  await page.goto('/sign-up')
  await page.getByLabel('Your name').fill('Lina Link')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password (12+ characters)').fill('link-password-123')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('status')).toContainText('Open it to confirm your email')

  // Without OAuth keys the sign-in page offers no GitHub/Google buttons.
  await page.goto('/sign-in')
  await expect(page.getByRole('button', { name: /Continue with/ })).toHaveCount(0)

  // An address without an account gets the very same answer.
  await page.getByLabel('Email').fill(`nobody-${Date.now()}@test.local`)
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
  await expect(page.getByRole('status')).toContainText(CHECK_INBOX)

  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
  await expect(page.getByRole('status')).toContainText(CHECK_INBOX)

  // Opening the link signs no one in by itself (mail scanners open links); the button does.
  const link = await linkFromEmail(email, '/sign-in/magic-link')
  await page.goto(link)
  await expect(page).toHaveURL(/\/sign-in\/magic-link\?token=/)
  await expect(page.getByText('This link signs you in once')).toBeVisible()
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/t\/lina-link-s-workspace[a-z0-9-]*\/projects$/)

  // The same link a second time: refused, with the way to ask for a new one.
  await page.context().clearCookies()
  await page.goto(link)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'already used' })).toBeVisible()
  await page.getByRole('link', { name: 'Email me a new sign-in link' }).click()
  await expect(page).toHaveURL(/\/sign-in\/magic-link$/)
  await expect(page.getByRole('button', { name: 'Email me a sign-in link' })).toBeVisible()

  // The link proved the inbox: the password now works without "confirm your email first".
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('link-password-123')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/projects$/)
})

test('a made-up link is refused with a clear message', async ({ page }) => {
  await page.goto(`/sign-in/magic-link?token=${'x'.repeat(43)}`)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'This sign-in link is not valid' })).toBeVisible()
})

test('an OAuth refusal comes back to the sign-in page as readable text', async ({ page }) => {
  await page.goto('/sign-in?error=oauth_email_unverified&provider=github')
  await expect(page.getByRole('alert').filter({ hasText: 'GitHub did not give us a verified email address' })).toBeVisible()
  // Made-up codes get the generic text, never the code itself.
  await page.goto('/sign-in?error=%3Cscript%3E')
  await expect(page.getByRole('alert').filter({ hasText: 'Sign-in did not work just now' })).toBeVisible()
})
