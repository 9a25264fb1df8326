import type { Metadata } from 'next'
import { Card } from '@/app/_components/ui'
import { WaitingForStripe } from './waiting-for-stripe'

export const metadata: Metadata = { title: 'Subscription' }

export default function CheckoutSuccessPage() {
  return (
    <Card>
      <WaitingForStripe />
    </Card>
  )
}
