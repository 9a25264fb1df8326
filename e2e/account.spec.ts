import { expect, test } from '@playwright/test'
import { signIn, signUpAndConfirm } from './flows'
import { linkFromEmail } from './outbox'

// The account page's data export (a job that emails a link) and account deletion (sessions end at
// once, a job erases the rest and confirms by email).

/** The newest email to `to` linking to `path`, waiting for the background job that sends it. */
async function linkFromJobEmail(to: string, path: string): Promise<string> {
  let link = ''
  await expect(async () => {
    link = await linkFromEmail(to, path)
  }).toPass({ timeout: 30_000 })
  return link
}

test('export my data through the emailed link, then delete my account', async ({ page, browser }) => {
  const stamp = Date.now()
  const email = `leaver-${stamp}@test.local`
  const password = 'leaver-password-123'
  await signUpAndConfirm(page, `Leaver ${stamp}`, email, password)
  await signIn(page, email, password)
  await expect(page).toHaveURL(/\/projects$/)
  const accountUrl = page.url().replace(/projects$/, 'account')

  await page.goto(accountUrl)
  await page.getByRole('button', { name: 'Email me a copy of my data' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'download link' })).toBeVisible()
  const link = await linkFromJobEmail(email, '/api/account/export/')
  const download = await page.request.get(link)
  expect(download.status()).toBe(200)
  expect(download.headers()['content-disposition']).toContain('attachment')
  expect(await download.json()).toMatchObject({ user: { email }, memberships: [expect.objectContaining({ role: 'owner' })] })

  // The link is worth nothing without the session of the person it belongs to.
  const other = await browser.newContext()
  expect((await other.request.get(link)).status()).toBe(401)
  const stranger = await other.newPage()
  await signUpAndConfirm(stranger, `Stranger ${stamp}`, `stranger-${stamp}@test.local`, 'stranger-password-123')
  await signIn(stranger, `stranger-${stamp}@test.local`, 'stranger-password-123')
  await expect(stranger).toHaveURL(/\/projects$/)
  expect((await stranger.request.get(link)).status()).toBe(404)
  await other.close()

  await page.goto(accountUrl)
  await page.getByLabel(`Type your email address (${email}) to confirm`).fill(email)
  await page.getByLabel('Your password').fill('not-my-password')
  await page.getByRole('button', { name: 'Delete my account' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'The current password is not right' })).toBeVisible()
  await page.getByLabel('Your password').fill(password)
  await page.getByRole('button', { name: 'Delete my account' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Your account is being deleted' })).toBeVisible()

  // Signed out at once; the job confirms by email when the account is gone.
  await page.goto(accountUrl)
  await expect(page).toHaveURL(/\/sign-in$/)
  await linkFromJobEmail(email, '/sign-up')
  await signIn(page, email, password)
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible()
})
