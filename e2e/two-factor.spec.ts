import { expect, test } from '@playwright/test'
import { Secret, TOTP } from 'otpauth'
import { signIn, signUpAndConfirm } from './flows'

// What an authenticator app would show `steps` periods from now (each code is accepted only once).
const codeFor = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: Date.now() + steps * 30_000 })

test('turn on two-factor, then sign in with a code, and once with a recovery code', async ({ page, browser }) => {
  const email = `totp-${Date.now()}@test.local`
  const password = 'totp-password-123'
  await signUpAndConfirm(page, 'Tess Totp', email, password)
  await signIn(page, email, password)
  await expect(page).toHaveURL(/\/projects$/)
  await page.goto(page.url().replace(/projects$/, 'account'))

  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click()
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible()
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim()
  await page.getByLabel('Code from the app').fill('000000')
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'That code is not valid' })).toBeVisible()
  await page.getByLabel('Code from the app').fill(codeFor(secret))
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click()
  await expect(page.getByRole('status')).toContainText('Two-factor authentication is on')
  const recoveryCodes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents()
  expect(recoveryCodes).toHaveLength(10)
  await page.getByRole('button', { name: 'I saved them' }).click()
  await expect(page.getByText('10 recovery codes left.')).toBeVisible()

  // A new browser: the password alone leads to the code step, and nothing else opens.
  const second = await browser.newContext()
  const other = await second.newPage()
  await signIn(other, email, password)
  await expect(other).toHaveURL(/\/sign-in\/two-factor$/)
  await other.goto('/')
  await expect(other).toHaveURL(/\/sign-in\/two-factor$/)
  await other.getByLabel('Authentication code').fill(codeFor(secret, 1))
  await other.getByRole('button', { name: 'Verify and sign in' }).click()
  await expect(other).toHaveURL(/\/projects$/)
  await second.close()

  // Lost the phone: a recovery code works, once.
  const third = await browser.newContext()
  const lost = await third.newPage()
  await signIn(lost, email, password)
  await lost.getByLabel('Authentication code').fill(recoveryCodes[0]!)
  await lost.getByRole('button', { name: 'Verify and sign in' }).click()
  await expect(lost).toHaveURL(/\/projects$/)
  await lost.goto(lost.url().replace(/projects$/, 'account'))
  await expect(lost.getByText('9 recovery codes left.')).toBeVisible()
  await expect(lost.getByRole('list', { name: 'Security activity' })).toContainText('Two-factor code accepted')
  await third.close()
})
