type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>

export type CallOptions = {
  method?: string
  cookie?: string
  json?: unknown
  body?: string
  headers?: Record<string, string>
  params?: Record<string, string>
}

/** Calls a route handler the way Next would, with a real Request; returns status, headers and JSON body. */
export async function call(handler: Handler, path: string, options: CallOptions = {}) {
  const headers = new Headers(options.headers)
  if (options.cookie) headers.set('cookie', options.cookie)
  let body = options.body
  if (options.json !== undefined) {
    headers.set('content-type', 'application/json')
    body = JSON.stringify(options.json)
  }
  const request = new Request(`http://localhost:3000${path}`, { method: options.method ?? 'GET', headers, body })
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null }
}
