import { readFileSync } from 'node:fs'
import { expect } from '@playwright/test'
import type { RunRecord } from '@/scripts/jobs-runner/server'
import { E2E_STACK_FILE, type E2EStack } from './stack-file'

// What the local jobs runner ran (e2e/serve.ts starts it in place of the Inngest dev server), so a
// spec can check that its flow went through the real background job, not around it.

const jobsUrl = () => (JSON.parse(readFileSync(E2E_STACK_FILE, 'utf8')) as E2EStack).jobsUrl

export async function listRuns(): Promise<RunRecord[]> {
  const response = await fetch(`${jobsUrl()}/runs`)
  return (await response.json()) as RunRecord[]
}

/** Waits until a run of `functionId` (e.g. "tenantkit-users-delete-organization") that `which` picks has ended. */
export async function finishedRun(functionId: string, which: (run: RunRecord) => boolean): Promise<RunRecord> {
  let found: RunRecord | undefined
  await expect
    .poll(
      async () => {
        const runs = await listRuns()
        found = runs.find((r) => r.functionId === functionId && r.status !== 'running' && which(r))
        return found?.status
      },
      { timeout: 30_000, message: `no finished run of ${functionId}` },
    )
    .toBeDefined()
  return found as RunRecord
}
