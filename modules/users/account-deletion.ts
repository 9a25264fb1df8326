import 'server-only'
import { listMembershipsOfUser, withTenant } from '@/lib/db'
import { sendEvent } from '@/lib/jobs'
import { moduleLogger } from '@/lib/logger'
import { assertAllowed, checkRateLimit } from '@/lib/rate-limit'
import { createTenantContext } from '@/lib/tenant-context-factory'
import { eraseAccount } from './account-erasure'
import type { DeleteAccountInput } from './contract'
import { UsersError, unauthenticated } from './errors'
import { accountDeletionRequested } from './events'
import { verifyPassword } from './password'
import * as repo from './repo'
import { revokeAllSessions } from './session-store'
import { getTwoFactorStatus, verifySecondFactor } from './two-factor'

// Deleting one's own account (docs/decisions/015-account-deletion.md). The request checks and
// ends every session at once; the erasure itself is a job (account-erasure.ts, jobs.ts).

const log = moduleLogger('users.account-deletion')

/** A person without a password proves it is them by having signed in this recently. */
export const REAUTHENTICATION_MINUTES = 15

export type DeletionRequester = { userId: string; sessionCreatedAt: number }
export type BlockingOrganization = { slug: string; name: string }

/**
 * Organizations that would be left without an owner: the person is their only owner and others are
 * members. They must hand ownership over, or delete the organization, first.
 */
export async function listOrganizationsBlockingDeletion(userId: string): Promise<BlockingOrganization[]> {
  const owned = (await listMembershipsOfUser(userId, 'account deletion: organizations the user owns')).filter((m) => m.role === 'owner')
  const blocking: BlockingOrganization[] = []
  for (const organization of owned) {
    const ctx = createTenantContext({ tenantId: organization.tenantId, tenantSlug: organization.slug, userId, role: 'owner', source: 'session' })
    const members = await withTenant(ctx, (tx) => repo.listMembers(tx))
    if (members.length > 1 && members.filter((m) => m.role === 'owner').length === 1) blocking.push({ slug: organization.slug, name: organization.name })
  }
  return blocking
}

/** Whether the account page must ask for the current password (accounts created by a magic link or OAuth have none). */
export async function accountHasPassword(userId: string): Promise<boolean> {
  return Boolean((await repo.findUserById(userId))?.passwordHash)
}

async function assertReauthenticated(user: { id: string; passwordHash: string | null }, requester: DeletionRequester, password: string | undefined) {
  assertAllowed(await checkRateLimit('signIn', `delete-account:${user.id}`), 'Too many attempts.')
  if (user.passwordHash) {
    if (!password) throw new UsersError('users.wrong_password', 'bad_request', 'Enter your current password to delete your account.')
    if (!(await verifyPassword(user.passwordHash, password))) throw new UsersError('users.wrong_password', 'bad_request', 'The current password is not right.')
    return
  }
  if (Date.now() - requester.sessionCreatedAt > REAUTHENTICATION_MINUTES * 60_000) {
    throw new UsersError(
      'users.reauthentication_required',
      'forbidden',
      `To confirm it is you, sign out, sign in again, and delete the account within ${REAUTHENTICATION_MINUTES} minutes.`,
    )
  }
}

// A stolen session plus a phished password must not be enough to erase an account that has a
// second factor: the code is asked again here, as it is for turning two-factor off.
async function assertSecondFactor(userId: string, code: string | undefined): Promise<void> {
  if (!(await getTwoFactorStatus(userId)).enabled) return
  if (!code) throw new UsersError('users.invalid_code', 'bad_request', 'Enter the code from your authenticator app (or a recovery code) to delete your account.')
  if (!(await verifySecondFactor(userId, code))) throw new UsersError('users.invalid_code', 'bad_request', 'That code is not valid. Enter the current code from your authenticator app, or a recovery code.')
}

function refuseForOrganizations(blocking: BlockingOrganization[]): UsersError {
  const names = blocking.map((o) => o.name).join(', ')
  const one = blocking.length === 1
  return new UsersError(
    'users.last_owner',
    'conflict',
    `You are the only owner of ${names}, which ${one ? 'has' : 'have'} other members. Make someone else an owner there, or delete ${one ? 'it' : 'them'}, first.`,
    { details: { organizations: blocking } },
  )
}

/**
 * Deletes the signed-in person's account: confirmed by typing their email, re-authenticated, and
 * refused while they are the only owner of an organization that has other members. Every session
 * ends before this returns; the erasure runs as a job, or here when no Inngest server answers in
 * development (as organization deletion does), so nothing is left half done.
 */
export async function requestAccountDeletion(requester: DeletionRequester, input: DeleteAccountInput): Promise<{ queued: boolean }> {
  const user = await repo.findUserById(requester.userId)
  if (!user) throw unauthenticated()
  if (input.confirmEmail !== user.email) {
    throw new UsersError('users.confirmation_mismatch', 'bad_request', `Type your email address, ${user.email}, to confirm.`)
  }
  await assertReauthenticated(user, requester, input.password)
  await assertSecondFactor(user.id, input.code)
  const blocking = await listOrganizationsBlockingDeletion(user.id)
  if (blocking.length > 0) throw refuseForOrganizations(blocking)

  // Now, not in the job: from this moment the person is signed out everywhere, whatever the queue does.
  await revokeAllSessions(user.id)
  log.info({ userId: user.id }, 'account deletion requested; all sessions revoked')
  // NOTE: no event id. Inngest would drop a second event with the same id for 24 hours, and a person
  // whose first run failed must be able to ask again; the job is idempotent and runs one at a time.
  const sent = await sendEvent(accountDeletionRequested.create({ userId: user.id }))
  if (!sent.skipped) return { queued: true }
  log.warn({ userId: user.id }, 'no Inngest server: deleting the account in the request')
  await eraseAccount(user.id)
  return { queued: false }
}
