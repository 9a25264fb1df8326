// Public interface of the analytics module: usage counters per tenant.
import 'server-only'

export type { UsageDto, UsageMetric } from './contract'
/** Count usage (one call per event) and read it back per month. */
export { getUsage, recordUsage } from './usage'
