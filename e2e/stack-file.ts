import { tmpdir } from 'node:os'
import path from 'node:path'

/** Where e2e/serve.ts leaves the Redis endpoint of the running stack for the specs. */
export const E2E_STACK_FILE = path.join(tmpdir(), `tenantkit-e2e-${process.env.E2E_PORT ?? 3100}.json`)
