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

const OAUTH_KEY_PAIRS = [
  ['AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET'],
  ['AUTH_GOOGLE_ID', 'AUTH_GOOGLE_SECRET'],
] as const

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

  // Refuse passwords known from breaches (modules/users/breached-password.ts): `hibp` asks the
  // Pwned Passwords range API (k-anonymity: only 5 hex chars of the SHA-1 leave the server).
  // Default: on in production, off elsewhere (development often runs offline).
  PASSWORD_BREACH_CHECK: z.enum(['hibp', 'off'], { error: 'must be hibp or off' }).optional(),
  /** Tests only: where the Pwned Passwords range API is. */
  PWNED_PASSWORDS_URL: z.url().default('https://api.pwnedpasswords.com'),

  // OAuth sign-in (modules/users/oauth-providers.ts): a provider is on only with both its id and secret.
  AUTH_GITHUB_ID: optional,
  AUTH_GITHUB_SECRET: optional,
  AUTH_GOOGLE_ID: optional,
  AUTH_GOOGLE_SECRET: optional,

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

  // Email (lib/mailer.ts): SMTP when SMTP_URL is set; otherwise the log and the Redis outbox.
  SMTP_URL: optional.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^/]+/, { error: 'must look like smtp://user:password@smtp.example.com:587 (or smtps://… for TLS from the start, port 465).' })
      .optional(),
  ),
  /** The From header of every email, e.g. `Tenantkit <no-reply@example.com>`. Required with SMTP_URL. */
  EMAIL_FROM: optional.pipe(z.string().regex(/@/, { error: 'must contain an address, e.g. Tenantkit <no-reply@example.com>' }).optional()),
}).superRefine((env, issues) => {
  if (env.SMTP_URL && !env.EMAIL_FROM) {
    issues.addIssue({ code: 'custom', path: ['EMAIL_FROM'], message: 'is required when SMTP_URL is set, e.g. Tenantkit <no-reply@example.com>' })
  }
}).superRefine((env, issues) => {
  // Half a pair is a typo, not a choice: say so at boot instead of silently leaving the button off.
  for (const [id, secret] of OAUTH_KEY_PAIRS) {
    if (Boolean(env[id]) === Boolean(env[secret])) continue
    issues.addIssue({ code: 'custom', path: [env[id] ? secret : id], message: `is missing: set ${id} and ${secret} together, or neither to leave that sign-in off.` })
  }
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
