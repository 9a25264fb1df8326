import Link from 'next/link'
import type { TenantSummaryDto } from '@/modules/users'

/** The organizations the user belongs to; the current one is marked. */
export function OrgSwitcher({ current, tenants }: { current: string; tenants: TenantSummaryDto[] }) {
  return (
    <details className="relative text-sm">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-2 py-1">Switch organization</summary>
      <ul className="absolute z-10 mt-1 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow" aria-label="Organizations">
        {tenants.map((t) => (
          <li key={t.tenantId}>
            <Link
              href={`/t/${t.slug}/projects`}
              aria-current={t.slug === current ? 'page' : undefined}
              className="block rounded px-2 py-1 hover:bg-slate-100 aria-[current=page]:font-semibold"
            >
              {t.name} <span className="text-slate-500">({t.role})</span>
            </Link>
          </li>
        ))}
        <li className="border-t border-slate-100">
          <Link href="/organizations/new" className="block rounded px-2 py-1 hover:bg-slate-100">
            + New organization
          </Link>
        </li>
      </ul>
    </details>
  )
}
