import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { tenantPage } from '@/app/_lib/tenant-page'
import * as users from '@/modules/users'

export const metadata: Metadata = { title: 'Audit log' }

export default async function AuditPage({ params }: { params: Promise<{ slug: string }> }) {
  const { ctx } = await tenantPage((await params).slug)
  // Members do not get to learn that the page exists.
  if (!users.can(ctx.role, 'audit.read')) notFound()
  const entries = await users.listAuditLog(ctx)
  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="text-sm">
          Download:{' '}
          <a className="underline" href="/api/audit?format=csv">
            CSV
          </a>{' '}
          ·{' '}
          <a className="underline" href="/api/audit?format=json">
            JSON
          </a>
        </p>
      </div>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">When</th>
            <th className="px-3 py-2 font-medium">Who</th>
            <th className="px-3 py-2 font-medium">What</th>
            <th className="px-3 py-2 font-medium">On</th>
            <th className="px-3 py-2 font-medium">IP</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="px-3 py-2 whitespace-nowrap">{new Date(e.at).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })}</td>
              <td className="px-3 py-2">{e.actor ?? 'system'}</td>
              <td className="px-3 py-2 font-mono">{e.action}</td>
              <td className="px-3 py-2 text-slate-500">{e.target ?? ''}</td>
              <td className="px-3 py-2 font-mono text-slate-500">{e.ip ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
