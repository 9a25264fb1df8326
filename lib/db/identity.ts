import 'server-only'
import { getDb } from './client'
import type { PrismaClient } from './generated/prisma/client'

/**
 * The identity tables (read before any tenant is known: sign-in, sign-up). They carry no tenantId
 * and no RLS; this narrowed client cannot name a tenant-owned model at all.
 */
export type IdentityDb = Pick<PrismaClient, 'user' | 'authToken' | 'recoveryCode' | 'oAuthAccount' | 'securityEvent' | 'stripeEvent'>

export function identityDb(): IdentityDb {
  return getDb().prisma
}
