import { defineConfig } from 'prisma/config'

// NOTE: Prisma 7 has no `directUrl`. The CLI (migrate, db, studio) uses this URL, which must be the
// owner role on a direct (non-pooled) connection; the running app gets the pooled app-role URL
// through the driver adapter in lib/db/client.ts. `prisma generate` needs no URL at all.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DIRECT_DATABASE_URL ?? '' },
})
