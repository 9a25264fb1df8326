import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode } from 'react'

// Small accessible primitives shared by the pages. Plain elements with Tailwind classes: labels are
// real <label>s, errors are linked with aria-describedby, focus stays visible.

export function Button({ variant = 'primary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' }) {
  const styles = {
    primary: 'bg-slate-900 text-white hover:bg-slate-700',
    secondary: 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-100',
    danger: 'border border-red-200 bg-white text-red-700 hover:bg-red-50',
  }[variant]
  return (
    <button
      className={`inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:opacity-50 ${styles} ${className}`}
      {...props}
    />
  )
}

export function Field({ label, name, error, id, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string }) {
  // Two forms on one page may share a field name; `id` keeps their labels apart.
  const inputId = id ?? name
  const errorId = `${inputId}-error`
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-slate-900 focus:outline-none aria-invalid:border-red-500"
        {...props}
      />
      {error ? (
        <p id={errorId} className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  )
}

export function FormMessage({ state }: { state: { ok: boolean; message?: string; error?: string } | null }) {
  if (!state) return null
  const text = state.ok ? state.message : state.error
  if (!text) return null
  return (
    <p role={state.ok ? 'status' : 'alert'} className={`text-sm ${state.ok ? 'text-emerald-700' : 'text-red-600'}`}>
      {text}
    </p>
  )
}

export function Card({ children }: { children: ReactNode }) {
  return <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
}
