import Link from 'next/link'
import type { ReactNode } from 'react'
import { Card } from './ui'

/** The frame of the signed-out pages: a title, a card, and links to the other flows. */
export function AuthPage({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <Card>{children}</Card>
      <nav className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
        {footer}
        <Link className="underline" href="/sign-in">Sign in</Link>
        <Link className="underline" href="/sign-up">Create an account</Link>
        <Link className="underline" href="/forgot-password">Forgot your password?</Link>
      </nav>
    </main>
  )
}
