'use server'

import { redirect } from 'next/navigation'
import * as users from '@/modules/users'

export async function signOutAction(): Promise<void> {
  await users.signOutCurrentSession()
  redirect('/sign-in')
}
