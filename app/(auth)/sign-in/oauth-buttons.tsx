import { Button } from '@/app/_components/ui'
import type { OAuthProviderId } from '@/modules/users'
import { oauthSignInAction } from './actions'

// One button per provider whose keys are set; none at all otherwise (lib/env.ts, oauth-providers.ts).
export function OAuthButtons({ providers }: { providers: { id: OAuthProviderId; name: string }[] }) {
  if (providers.length === 0) return null
  return (
    <div className="mt-4 flex flex-col gap-2 border-t border-slate-200 pt-4">
      {providers.map((provider) => (
        <form key={provider.id} action={oauthSignInAction}>
          <input type="hidden" name="provider" value={provider.id} />
          <Button type="submit" variant="secondary" className="w-full">
            Continue with {provider.name}
          </Button>
        </form>
      ))}
    </div>
  )
}
