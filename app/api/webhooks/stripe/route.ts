import { route } from '@/app/_lib/route'
import * as billing from '@/modules/billing'

export const dynamic = 'force-dynamic'

// POST /api/webhooks/stripe – Stripe events: signature checked on the raw body, recorded once,
// handed to Inngest. 200 fast (no Stripe call); 400 bad or missing signature; 503 billing off or
// hand-over failed (Stripe retries). See docs/decisions/009-exactly-once-webhooks.md.
export const POST = route({}, async ({ request }) => {
  // The raw text, never parsed JSON: the signature covers the exact bytes Stripe sent.
  const outcome = await billing.receiveStripeWebhook(await request.text(), request.headers.get('stripe-signature'))
  return { received: true, outcome }
})
