import 'server-only'
import type { SendEventPayload } from 'inngest'
import { moduleLogger } from '../logger'
import { inngest } from './client'

const log = moduleLogger('jobs')

export type SendEventResult = { ids: string[]; skipped?: true }

// In dev mode with no Inngest dev server, `inngest.send` retries for ~2 s and then throws
// "fetch failed". We probe once (300 ms, cached 10 s) and say plainly what is missing instead.
const PROBE_TTL_MS = 10_000
let probe: { at: number; up: boolean } | undefined
let warned = false

async function devServerUp(): Promise<boolean> {
  if (probe && Date.now() - probe.at < PROBE_TTL_MS) return probe.up
  let up = false
  try {
    await fetch(inngest.eventBaseUrl, { signal: AbortSignal.timeout(300) })
    up = true
  } catch {
    up = false
  }
  probe = { at: Date.now(), up }
  if (up) warned = false
  return up
}

/**
 * Sends events to Inngest. In development without a reachable dev server it does not throw: it
 * logs one clear warning and returns `{ skipped: true }`, so callers that must not lose the event
 * (webhook intake) can refuse the work instead. In production a failure throws.
 */
export async function sendEvent(payload: SendEventPayload): Promise<SendEventResult> {
  if (inngest.mode === 'dev' && !(await devServerUp())) {
    if (!warned) {
      warned = true
      const name = [payload].flat()[0]?.name
      log.warn(
        { eventBaseUrl: inngest.eventBaseUrl, event: name },
        `No Inngest dev server at ${inngest.eventBaseUrl}: event "${name}" was NOT delivered. ` +
          'Run `npx --ignore-scripts=false inngest-cli@latest dev` (INNGEST_DEV=1 is set).',
      )
    }
    return { ids: [], skipped: true }
  }
  const { ids } = await inngest.send(payload)
  return { ids }
}

/** Tests only: forget the cached probe. */
export function resetDevServerProbe(): void {
  probe = undefined
  warned = false
}
