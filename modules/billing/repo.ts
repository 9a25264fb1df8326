import 'server-only'
import { identityDb, isUniqueViolation, type TenantTx } from '@/lib/db'

// The only file of the billing module that touches Prisma. BillingAccount is tenant-owned (RLS
// scopes it to the transaction's tenant); StripeEvent is identity-level (no tenant, no RLS).

const accountSelect = {
  stripeCustomerId: true,
  stripeSubscriptionId: true,
  plan: true,
  interval: true,
  status: true,
  seats: true,
  currentPeriodEnd: true,
  cancelAtPeriodEnd: true,
  trialEnd: true,
  lastEventAt: true,
} as const

export type BillingAccountRow = {
  stripeCustomerId: string | null
  stripeSubscriptionId: string | null
  plan: string
  interval: string | null
  status: string
  seats: number
  currentPeriodEnd: Date | null
  cancelAtPeriodEnd: boolean
  trialEnd: Date | null
  lastEventAt: Date | null
}

export type BillingAccountWrite = Omit<BillingAccountRow, 'stripeCustomerId'> & { stripeCustomerId: string }

export function findBillingAccount(tx: TenantTx): Promise<BillingAccountRow | null> {
  // One row per tenant at most, and RLS shows only this tenant's.
  return tx.billingAccount.findFirst({ select: accountSelect })
}

export function upsertBillingAccount(tx: TenantTx, tenantId: string, data: BillingAccountWrite): Promise<BillingAccountRow> {
  return tx.billingAccount.upsert({
    where: { tenantId },
    create: { tenantId, ...data },
    update: data,
    select: accountSelect,
  })
}

/** Records an event id (once); returns whether it was already handed to Inngest. */
export async function recordStripeEvent(id: string, type: string): Promise<{ handedOffAt: Date | null }> {
  const select = { handedOffAt: true } as const
  try {
    return await identityDb().stripeEvent.upsert({ where: { id }, create: { id, type }, update: {}, select })
  } catch (error) {
    // NOTE: Prisma runs this upsert as a read, then an insert. Two deliveries of one event at the
    // same moment (a redelivery racing the first) both insert; the loser reads the winner's row.
    if (!isUniqueViolation(error, 'StripeEvent_pkey')) throw error
    return identityDb().stripeEvent.findUniqueOrThrow({ where: { id }, select })
  }
}

export async function markStripeEventHandedOff(id: string): Promise<void> {
  await identityDb().stripeEvent.update({ where: { id }, data: { handedOffAt: new Date() }, select: { id: true } })
}
