import 'server-only'
import * as repo from './repo'
import { listTenantsOfUser } from './service'
import { listSessions } from './session-store'

/** Everything this module keeps about a person, as JSON (the account page's "Export my data"). */
export async function exportUserData(userId: string) {
  const [user, organizations, sessions] = await Promise.all([repo.findUserExport(userId), listTenantsOfUser(userId), listSessions(userId)])
  return { exportedAt: new Date().toISOString(), user, organizations, sessions }
}
