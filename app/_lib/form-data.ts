import type { z } from 'zod'

// Shared by Server Actions and the browser: the same schema turns the same form into the same field
// errors on both sides, so what the browser says before submitting is what the server would say.

export function formToObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of formData) if (typeof value === 'string' && !key.startsWith('$ACTION')) out[key] = value
  return out
}

/** The first message per field ("form" for errors not tied to one). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {}
  for (const issue of error.issues) fieldErrors[issue.path.join('.') || 'form'] ??= issue.message
  return fieldErrors
}
