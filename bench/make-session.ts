// Prints a Cookie header that signs the demo owner in (run by bench/run.ts with the app's env, in
// its own process, like the seed). A real session in Redis, exactly what a browser sign-in creates.
import * as users from '@/modules/users'
import { cookieForSession, sessionCookieName } from '@/modules/users/auth-cookie'
import { createSession } from '@/modules/users/session-store'

const [tenant] = await users.listTenantsOfUser(process.argv[2] ?? '')
if (!tenant) throw new Error('the demo owner belongs to no organization: run the seed first')
const sid = await createSession({
  userId: process.argv[2] ?? '',
  email: 'owner@demo.test',
  name: 'Olivia Owner',
  tenantId: tenant.tenantId,
  tenantSlug: tenant.slug,
  role: tenant.role,
  ip: '127.0.0.1',
  userAgent: 'bench',
})
process.stdout.write(`${sessionCookieName()}=${await cookieForSession({ sid, userId: process.argv[2] ?? '' })}\n`)
process.exit(0)
