import 'server-only'
import { OAUTH_PROVIDER_NAMES, OAuthProviderIdSchema, type OAuthProviderId } from './oauth'
import { listOAuthProviders } from './oauth-providers'
import * as repo from './repo'
import { recordSecurityEvent } from './security-events'
import { UsersError } from './errors'

// What a person can sign in with, for the account page. An emailed link always works (the address
// is the account), so removing a provider can never lock anyone out.

export type SignInMethodsDto = {
  password: boolean
  providers: { id: OAuthProviderId; name: string; linkedAt: string | null; available: boolean }[]
}

export async function listSignInMethods(userId: string): Promise<SignInMethodsDto> {
  const [user, linked] = await Promise.all([repo.findUserById(userId), repo.listLinkedAccounts(userId)])
  const available = new Set(listOAuthProviders().map((p) => p.id))
  const providers = OAuthProviderIdSchema.options.flatMap((id) => {
    const link = linked.find((l) => l.provider === id)
    // A provider switched off on this server is still listed while linked, so it can be removed.
    return link || available.has(id) ? [{ id, name: OAUTH_PROVIDER_NAMES[id], linkedAt: link?.createdAt.toISOString() ?? null, available: available.has(id) }] : []
  })
  return { password: Boolean(user?.passwordHash), providers }
}

/** Removes the link to a GitHub or Google account; signing in with it again links it again only through a verified address. */
export async function unlinkProvider(userId: string, provider: string): Promise<void> {
  const id = OAuthProviderIdSchema.parse(provider)
  const { count } = await repo.deleteOAuthAccounts(userId, id)
  if (count === 0) throw new UsersError('users.not_linked', 'not_found', `${OAUTH_PROVIDER_NAMES[id]} is not linked to this account.`)
  await recordSecurityEvent({ userId, action: 'oauth.unlinked', metadata: { provider: id } })
}
