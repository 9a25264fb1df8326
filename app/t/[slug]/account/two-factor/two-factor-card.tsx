import { Card } from '@/app/_components/ui'
import { getTwoFactorStatus } from '@/modules/users'
import { TwoFactorOn } from './two-factor-on'
import { TwoFactorSetup } from './two-factor-setup'

export async function TwoFactorCard({ userId }: { userId: string }) {
  const status = await getTwoFactorStatus(userId)
  return (
    <Card>
      <h2 className="mb-4 text-lg font-medium">Two-factor authentication</h2>
      {status.enabled ? <TwoFactorOn status={status} /> : <TwoFactorSetup />}
    </Card>
  )
}
