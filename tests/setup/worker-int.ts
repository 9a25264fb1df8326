// Each test worker gets its own database, copied from the migrated template, and the app's
// environment pointing at it. Test files in a worker share it: tests create their own tenants and
// users instead of assuming empty tables.
import { inject } from 'vitest'
import { LOCAL_APP, LOCAL_OWNER, urlFor } from '@/scripts/stack/local-database'
import { ensureDatabaseFromTemplate } from '@/scripts/stack/template-database'
import { WORKER_DATABASE_PREFIX } from './constants'

const stack = inject('stack')
const database = `${WORKER_DATABASE_PREFIX}${process.env.VITEST_POOL_ID ?? '0'}`
await ensureDatabaseFromTemplate(stack.adminUrl, database)

Object.assign(process.env, {
  NODE_ENV: 'test',
  APP_URL: 'http://localhost:3000',
  AUTH_SECRET: 'test-secret-test-secret-test-secret-0123456789',
  DATABASE_URL: urlFor(stack.adminUrl, LOCAL_APP, database, stack.appPort),
  DIRECT_DATABASE_URL: urlFor(stack.adminUrl, LOCAL_OWNER, database),
  DATABASE_POOL_MAX: '5',
  UPSTASH_REDIS_REST_URL: stack.redisRestUrl,
  UPSTASH_REDIS_REST_TOKEN: stack.redisRestToken,
})
