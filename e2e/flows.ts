import { expect, type Page } from '@playwright/test'
import { linkFromEmail } from './outbox'

// Steps several specs share, written once.

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

export async function signUpAndConfirm(page: Page, name: string, email: string, password: string) {
  await page.goto('/sign-up')
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password (12+ characters)').fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('status')).toContainText('confirm your email')
  await page.goto(await linkFromEmail(email, '/verify-email'))
  await page.getByRole('button', { name: 'Confirm my email' }).click()
  await expect(page.getByRole('status')).toContainText('is confirmed')
}
