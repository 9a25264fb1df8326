// Recognising database errors without string-matching messages. Prisma 7 with a driver adapter
// reports constraint violations as P2002/P2003 and keeps the driver's details in `meta`.

type PrismaLikeError = { code?: unknown; meta?: Record<string, unknown> }

function prismaCode(error: unknown): string | undefined {
  const code = (error as PrismaLikeError | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** A unique constraint failed (optionally: one that covers `field`). */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (prismaCode(error) !== 'P2002') return false
  if (!field) return true
  return JSON.stringify((error as PrismaLikeError).meta ?? {}).includes(field)
}

/** A foreign key pointed at a row that does not exist (or, with composite keys, not in this tenant). */
export function isForeignKeyViolation(error: unknown): boolean {
  return prismaCode(error) === 'P2003'
}

/** An update/delete matched no row: not there, or hidden by row-level security. */
export function isRecordNotFound(error: unknown): boolean {
  return prismaCode(error) === 'P2025'
}
