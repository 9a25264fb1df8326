import { InlineAction } from '@/app/_components/inline-action'
import { Card } from '@/app/_components/ui'
import { requestDataExportAction } from './account-data-actions'

/** "Export my data": a job builds the JSON and emails a link that works for a day, for this person only. */
export function DataExportCard() {
  return (
    <Card>
      <h2 className="mb-2 text-lg font-medium">Your data</h2>
      <p className="mb-4 text-sm text-slate-600">
        Get a copy of what Tenantkit keeps about you (profile, organizations, sessions, security history) as JSON. We email you a
        download link that works for 24 hours, only while you are signed in.
      </p>
      <InlineAction action={requestDataExportAction} hidden={{}} label="Email me a copy of my data" />
    </Card>
  )
}
