import 'server-only'
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { clientIp } from '@/lib/client-ip'
import { AppError } from '@/lib/errors'
import { logger } from '@/lib/logger'
import { runWithRequestContext } from '@/lib/request-context'
import { errorResponse, invalidInput } from './error-response'

// Route handler wrapper: request id and log context, zod-parsed params/query/body, one error mapping.

type RouteParams = { params: Promise<Record<string, string | string[] | undefined>> }

export type RouteSpec<P, Q, B> = {
  params?: z.ZodType<P>
  query?: z.ZodType<Q>
  body?: z.ZodType<B>
}

export type RouteInput<P, Q, B> = { request: Request; requestId: string; params: P; query: Q; body: B }

/** Wraps a handler; a non-Response return value is sent as JSON with status 200. */
export function route<P = undefined, Q = undefined, B = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>) => Promise<unknown>,
) {
  return async (request: Request, context?: RouteParams): Promise<Response> => {
    const requestId = validRequestId(request.headers.get('x-request-id')) ?? randomUUID()
    return runWithRequestContext({ requestId, ip: clientIp(request.headers) }, async () => {
      const started = performance.now()
      let response: Response
      try {
        const input = await parseInput(spec, request, context, requestId)
        const result = await handler(input)
        response = result instanceof Response ? result : Response.json(result)
        response.headers.set('x-request-id', requestId)
      } catch (error) {
        response = errorResponse(error, requestId)
      }
      const path = new URL(request.url).pathname
      logger.info({ method: request.method, path, status: response.status, ms: Math.round(performance.now() - started) }, 'request')
      return response
    })
  }
}

/** 201 with a JSON body. */
export function created(body: unknown): Response {
  return Response.json(body, { status: 201 })
}

async function parseInput<P, Q, B>(spec: RouteSpec<P, Q, B>, request: Request, context: RouteParams | undefined, requestId: string) {
  const params = spec.params ? parse(spec.params, (await context?.params) ?? {}, 'params') : (undefined as P)
  const query = spec.query ? parse(spec.query, Object.fromEntries(new URL(request.url).searchParams), 'query') : (undefined as Q)
  const body = spec.body ? parse(spec.body, await readJson(request), 'body') : (undefined as B)
  return { request, requestId, params, query, body }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value)
  if (!result.success) throw invalidInput(result.error, what)
  return result.data
}

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? ''
  if (!type.includes('application/json')) {
    throw new AppError('request.unsupported_media_type', 'bad_request', 'Send the body as JSON with Content-Type: application/json.')
  }
  try {
    return await request.json()
  } catch {
    throw new AppError('request.invalid_json', 'bad_request', 'The body is not valid JSON.')
  }
}

function validRequestId(value: string | null): string | null {
  return value && /^[A-Za-z0-9._:-]{8,128}$/.test(value) ? value : null
}
