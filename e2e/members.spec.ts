import { expect, test } from '@playwright/test'
import { linkFromEmail } from './outbox'
import { signIn, signUpAndConfirm } from './flows'

test('create an organization, invite a second user, who accepts in another browser; change their role, then remove them', async ({ page, browser }) => {
  const stamp = Date.now()
  const ownerEmail = `owner-${stamp}@test.local`
  const inviteeEmail = `invitee-${stamp}@test.local`
  await signUpAndConfirm(page, `Org ${stamp}`, ownerEmail, 'owner-password-123')
  await signIn(page, ownerEmail, 'owner-password-123')
  await expect(page).toHaveURL(/\/projects$/)
  // A second organization, next to the personal one sign-up made: the team the invitation is for.
  await page.goto('/organizations/new')
  await page.getByLabel('Organization name').fill(`Team ${stamp}`)
  await page.getByRole('button', { name: 'Create organization' }).click()
  await expect(page).toHaveURL(new RegExp(`/t/team-${stamp}/projects$`))
  const membersUrl = page.url().replace(/projects$/, 'members')

  const other = await browser.newContext()
  const invitee = await other.newPage()
  await signUpAndConfirm(invitee, 'Ivy Invitee', inviteeEmail, 'invitee-password-123')

  await page.goto(membersUrl)
  await page.getByLabel('Email to invite').fill(inviteeEmail)
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Invitation sent' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Pending invitations' })).toContainText(inviteeEmail)

  await signIn(invitee, inviteeEmail, 'invitee-password-123')
  await expect(invitee).toHaveURL(/\/projects$/)
  await invitee.goto(await linkFromEmail(inviteeEmail, '/invitations/accept'))
  await invitee.getByRole('button', { name: 'Accept invitation' }).click()
  await expect(invitee).toHaveURL(new RegExp(`${new URL(membersUrl).pathname.replace(/members$/, 'projects')}$`))

  await page.reload()
  const row = page.getByRole('list', { name: 'Members' }).getByRole('listitem').filter({ hasText: inviteeEmail })
  await expect(row).toContainText('member')
  await row.getByLabel(`Role of ${inviteeEmail}`).selectOption('admin')
  await row.getByRole('button', { name: 'Change role' }).click()
  await expect(row).toContainText(`${inviteeEmail} · admin`)

  await row.getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByRole('list', { name: 'Members' })).not.toContainText(inviteeEmail)
  // Removal ends their session in that organization at once.
  await invitee.goto(membersUrl)
  await expect(invitee).toHaveURL(/\/sign-in$/)
  await other.close()
})
