import { ProjectsError } from './errors'
import type { ProjectCursor } from './repo'

// Opaque to clients: base64url of "<createdAt ISO>|<id>".
export function encodeCursor(row: ProjectCursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url')
}

export function decodeCursor(cursor: string): ProjectCursor {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const createdAt = new Date(iso ?? '')
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new ProjectsError('projects.invalid_cursor', 'bad_request', 'The cursor is not one this API returned; start again without it.')
  }
  return { createdAt, id }
}
