// Demo data for local development: `npm run db:seed` (runs once; a second run changes nothing).
// Goes through the modules' own services, so row-level security, audit events and limits apply.
import * as projects from '@/modules/projects'
import * as users from '@/modules/users'

export const DEMO_PASSWORD = 'demo-password'

async function seed(): Promise<void> {
  // Demo accounts with a published password must never reach a production database by accident.
  if (process.env.NODE_ENV === 'production') {
    throw new Error('refusing to seed demo accounts with NODE_ENV=production')
  }
  const first = await users
    .registerUser({
      email: 'owner@demo.test',
      name: 'Olivia Owner',
      password: DEMO_PASSWORD,
      organizationName: 'Demo Company',
      emailVerified: true,
    })
    .catch((error: unknown) => {
      if (error instanceof users.UsersError && error.code === 'users.email_taken') return null
      throw error
    })
  if (!first) {
    console.log('seed: demo data already there, nothing to do')
    return
  }
  const { user: owner, organization: demo } = first
  const { user: member } = await users.registerUser({
    email: 'member@demo.test',
    name: 'Milo Member',
    password: DEMO_PASSWORD,
    organizationName: "Milo's workspace",
    emailVerified: true,
  })
  const ownerCtx = await users.actAsMember(owner.id, demo.slug)
  await users.addMember(ownerCtx, member.id, 'member')
  for (const name of ['Website relaunch', 'Mobile app', 'Quarterly report']) {
    await projects.createProject(ownerCtx, { name })
  }
  console.log(`seed: created ${demo.slug} with owner@demo.test and member@demo.test (password "${DEMO_PASSWORD}")`)
}

await seed()
process.exit(0)
