import { expect, test } from '@playwright/test'
import { signIn, signUpAndConfirm } from './flows'
import { linkFromEmail } from './outbox'

test('someone without an account accepts an invitation with one form and lands in the organization', async ({ page, browser }) => {
  const stamp = Date.now()
  const ownerEmail = `inviter-${stamp}@test.local`
  const newcomerEmail = `newcomer-${stamp}@test.local`
  await signUpAndConfirm(page, `Team ${stamp}`, ownerEmail, 'inviter-password-123')
  await signIn(page, ownerEmail, 'inviter-password-123')
  await expect(page).toHaveURL(/\/projects$/)
  const membersUrl = page.url().replace(/projects$/, 'members')

  await page.goto(membersUrl)
  await page.getByLabel('Email to invite').fill(newcomerEmail)
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Invitation sent' })).toBeVisible()

  const other = await browser.newContext()
  const newcomer = await other.newPage()
  const link = await linkFromEmail(newcomerEmail, '/invitations/accept')
  await newcomer.goto(link)
  await expect(newcomer.getByText(`Create your account for ${newcomerEmail}`)).toBeVisible()
  await newcomer.getByLabel('Your name').fill('Nico Newcomer')
  await newcomer.getByLabel('Choose a password (12+ characters)').fill('newcomer-password-123')
  await newcomer.getByRole('button', { name: 'Create account and join' }).click()

  // Signed in, in the inviting organization, with no personal workspace beside it.
  await expect(newcomer).toHaveURL(new RegExp(`${new URL(membersUrl).pathname.replace(/members$/, 'projects')}$`))
  await newcomer.getByText('Switch organization').click()
  await expect(newcomer.getByRole('list', { name: 'Organizations' }).getByRole('link')).toHaveText([/\(member\)/, '+ New organization'])

  // The link worked once.
  await newcomer.goto(link)
  await expect(newcomer.getByText('This invitation does not exist, was revoked, has expired, or was already used')).toBeVisible()

  await page.reload()
  const row = page.getByRole('list', { name: 'Members' }).getByRole('listitem').filter({ hasText: newcomerEmail })
  await expect(row).toContainText('member')
  await other.close()
})
