// Sets up a local cluster the way production is meant to look: an owner role that runs migrations
// and owns the tables, and the app role (created here with LOGIN so it can connect directly; the
// migrations create it without LOGIN where it does not exist yet). Local-only passwords.
import pg from 'pg'

export const LOCAL_OWNER = { user: 'tenantkit_owner', password: 'tenantkit_owner' }
export const LOCAL_APP = { user: 'tenantkit_app', password: 'tenantkit_app' }

/** Runs `fn` with its own connection to `url`, closed afterwards. */
export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export async function ensureLocalRoles(adminUrl: string): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    await ensureRole(client, LOCAL_OWNER, 'LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS')
    await ensureRole(client, LOCAL_APP, 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT')
  })
}

async function ensureRole(client: pg.Client, role: { user: string; password: string }, attributes: string) {
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.user])
  const verb = rowCount ? 'ALTER' : 'CREATE'
  await client.query(`${verb} ROLE ${pg.escapeIdentifier(role.user)} ${attributes} PASSWORD ${pg.escapeLiteral(role.password)}`)
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withPgClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    return Boolean(rowCount)
  })
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} OWNER ${pg.escapeIdentifier(LOCAL_OWNER.user)}${from}`)
  })
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withPgClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`))
}

/** The same server and database as `url`, as another user. */
export function urlFor(url: string, role: { user: string; password: string }, database?: string, port?: number): string {
  const u = new URL(url)
  u.username = role.user
  u.password = role.password
  if (database) u.pathname = `/${database}`
  if (port) u.port = String(port)
  return u.toString()
}
