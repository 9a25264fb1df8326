import { Card } from '@/app/_components/ui'
import { listSecurityEvents, type SecurityEventDto } from '@/modules/users'

const LABELS: Record<SecurityEventDto['action'], string> = {
  sign_in: 'Signed in',
  'sign_in.failed': 'Refused sign-in',
  'two_factor.challenge_passed': 'Two-factor code accepted',
  'two_factor.challenge_failed': 'Wrong two-factor code',
  'two_factor.enabled': 'Two-factor turned on',
  'two_factor.disabled': 'Two-factor turned off',
  'two_factor.recovery_codes_regenerated': 'New recovery codes',
  'oauth.linked': 'Linked a sign-in provider',
  'oauth.unlinked': 'Removed a sign-in provider',
}

/** The person's own security history: something they did not do shows up here. */
export async function SecurityActivity({ userId }: { userId: string }) {
  const events = await listSecurityEvents(userId, 15)
  return (
    <Card>
      <h2 className="mb-4 text-lg font-medium">Recent security activity</h2>
      {events.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label="Security activity">
          {events.map((event) => (
            <li key={event.id} className="py-2 text-sm">
              <p className="font-medium">{LABELS[event.action] ?? event.action}</p>
              <p className="text-slate-500">
                {new Date(event.createdAt).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })} · {event.ip ?? 'unknown IP'}
                {event.userAgent ? ` · ${event.userAgent}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
