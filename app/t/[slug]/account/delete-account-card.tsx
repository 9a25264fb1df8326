import Link from 'next/link'
import { ActionForm, type FormField } from '@/app/_components/action-form'
import { Card } from '@/app/_components/ui'
import { accountHasPassword, getTwoFactorStatus, listOrganizationsBlockingDeletion } from '@/modules/users'
import { deleteAccountAction } from './account-data-actions'

/** Deleting the account: the email typed again, the password when there is one. The server checks it all again. */
export async function DeleteAccountCard({ userId, email }: { userId: string; email: string }) {
  const [hasPassword, blocking, twoFactor] = await Promise.all([accountHasPassword(userId), listOrganizationsBlockingDeletion(userId), getTwoFactorStatus(userId)])
  const fields: FormField[] = [{ name: 'confirmEmail', label: `Type your email address (${email}) to confirm`, type: 'email', autoComplete: 'off' }]
  if (hasPassword) fields.push({ name: 'password', label: 'Your password', type: 'password', autoComplete: 'current-password' })
  if (twoFactor.enabled) fields.push({ name: 'code', label: 'Two-factor code (or a recovery code)', autoComplete: 'one-time-code' })
  return (
    <Card>
      <h2 className="mb-2 text-lg font-medium text-red-700">Delete account</h2>
      <p className="mb-4 text-sm text-slate-600">
        This signs you out everywhere at once and then deletes your account, your security history, and every organization where you
        are the only member. Organizations you share keep going without you. It cannot be undone.
      </p>
      {blocking.length > 0 ? (
        <div role="note" className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="mb-1">You are the only owner of these organizations, which have other members. Make someone else an owner, or delete them, first:</p>
          <ul className="list-disc pl-5">
            {blocking.map((organization) => (
              <li key={organization.slug}>
                <Link className="underline" href={`/t/${organization.slug}/members`}>
                  {organization.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!hasPassword ? <p className="mb-4 text-sm text-slate-600">Your account has no password: to confirm it is you, sign in again shortly before deleting it.</p> : null}
      <ActionForm action={deleteAccountAction} fields={fields} submitLabel="Delete my account" pendingLabel="Deleting…" />
    </Card>
  )
}
