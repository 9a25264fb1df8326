import { z } from 'zod'

// Usage metrics are counted per tenant per calendar month (UTC): what plan limits and the usage
// dashboard read.
export const UsageMetricSchema = z.enum(['api_calls', 'projects_created'])
export type UsageMetric = z.infer<typeof UsageMetricSchema>

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'A month is written YYYY-MM.' })

export type UsageDto = { metric: UsageMetric; month: string; count: number }
