import { InlineAction } from '@/app/_components/inline-action'
import { Card } from '@/app/_components/ui'
import { listSignInMethods } from '@/modules/users'
import { unlinkProviderAction } from './sign-in-methods-actions'

/** What this person can sign in with. An emailed link always works, so removing a provider is safe. */
export async function SignInMethodsCard({ userId }: { userId: string }) {
  const methods = await listSignInMethods(userId)
  return (
    <Card>
      <h2 className="mb-4 text-lg font-medium">Ways to sign in</h2>
      <ul className="divide-y divide-slate-200 text-sm" aria-label="Ways to sign in">
        <li className="py-2">
          <span className="font-medium">Password</span> · {methods.password ? 'set' : 'none yet: use "Forgot password" on the sign-in page to set one'}
        </li>
        <li className="py-2">
          <span className="font-medium">Email link</span> · always available for your address
        </li>
        {methods.providers.map((provider) => (
          <li key={provider.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <span className="font-medium">{provider.name}</span> ·{' '}
              {provider.linkedAt
                ? `linked ${new Date(provider.linkedAt).toLocaleDateString('en', { dateStyle: 'medium' })}`
                : `not linked: sign in with ${provider.name} using this address to link it`}
            </span>
            {provider.linkedAt ? <InlineAction action={unlinkProviderAction} hidden={{ provider: provider.id }} label={`Remove ${provider.name}`} variant="danger" /> : null}
          </li>
        ))}
      </ul>
    </Card>
  )
}
