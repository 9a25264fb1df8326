import 'server-only'
import { z } from 'zod'

// Every variable the server reads, validated once. Outside services are optional: when their keys
// are missing the feature is off and the app says so, instead of crashing (see README "Environment").
const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()

const postgresUrl = (hint: string) =>
  z
    .string({ error: `is missing. ${hint}` })
    .trim()
    .regex(/^postgres(ql)?:\/\//, { error: `must be a postgres:// URL. ${hint}` })

const ServerEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  APP_URL: z.url({ error: 'must be the public URL of the app, e.g. https://app.example.com' }).default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: postgresUrl(
    "Set it to the app role's pooled URL (PgBouncer/Supavisor, transaction mode). `npm run dev` sets it for you locally.",
  ),
  DATABASE_POOL_MAX: z.coerce
    .number({ error: 'must be a whole number' })
    .int()
    .min(1)
    .max(100, { error: 'above 100 defeats the pooler; each instance should hold only a few connections' })
    .default(5),

  UPSTASH_REDIS_REST_URL: z.url({
    error: 'is missing or not a URL. Set it to your Upstash REST URL; `npm run dev` starts a local endpoint for you.',
  }),
  UPSTASH_REDIS_REST_TOKEN: z.string({ error: 'is missing: the Upstash REST token that goes with UPSTASH_REDIS_REST_URL.' }).min(1),

  AUTH_SECRET: z
    .string({ error: 'is missing. Generate one with `openssl rand -base64 32`.' })
    .min(32, { error: 'must be at least 32 characters. Generate one with `openssl rand -base64 32`.' }),

  SENTRY_DSN: optional,
})

export type ServerEnv = z.infer<typeof ServerEnvSchema>

let cached: ServerEnv | undefined

/** The validated server environment. Throws once, at first use, with every problem listed. */
export function getEnv(): ServerEnv {
  cached ??= parseEnv(process.env)
  return cached
}

export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = ServerEnvSchema.safeParse(source)
  if (result.success) return result.data
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.')} ${issue.message}`)
  throw new Error(`Invalid environment:\n${lines.join('\n')}\nSee .env.example and README.md#environment.`)
}
