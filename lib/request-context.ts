import 'server-only'
import { AsyncLocalStorage } from 'node:async_hooks'

/** What every log line and error report in a request is tagged with. */
export type RequestContext = {
  requestId: string
  tenantId?: string
  userId?: string
  /** The caller's IP, for the audit log. */
  ip?: string
}

const storage = new AsyncLocalStorage<RequestContext>()

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn)
}

export function getRequestContext(): RequestContext | undefined {
  return storage.getStore()
}

/** Adds the principal once it is known (after the session is read). */
export function bindToRequest(fields: Pick<RequestContext, 'tenantId' | 'userId'>): void {
  const store = storage.getStore()
  if (store) Object.assign(store, fields)
}
