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

  // Billing (modules/billing): off unless both keys are set; Free needs none of them.
  STRIPE_SECRET_KEY: optional.pipe(z.string().startsWith('sk_', { error: 'must start with sk_ (a Stripe secret key).' }).optional()),
  STRIPE_WEBHOOK_SECRET: optional.pipe(
    z.string().startsWith('whsec_', { error: 'must start with whsec_ (the signing secret of your webhook endpoint).' }).optional(),
  ),
  /** Tests and local fakes only: where the Stripe SDK sends its API calls, e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: optional.pipe(z.url({ error: 'must be a URL like http://127.0.0.1:12111' }).optional()),
  STRIPE_PRICE_PRO_MONTHLY: optional,
  STRIPE_PRICE_PRO_YEARLY: optional,
  STRIPE_PRICE_TEAM_MONTHLY: optional,
  STRIPE_PRICE_TEAM_YEARLY: optional,

  // Background jobs (lib/jobs). Locally INNGEST_DEV=1 (or the dev server's URL); in production the keys.
  INNGEST_DEV: optional,
  INNGEST_EVENT_KEY: optional,
  INNGEST_SIGNING_KEY: optional,
  INNGEST_BASE_URL: optional,
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
