// The brand on TenantContext stops accidental construction; this set stops deliberate casts.
// Only lib/tenant-context*.ts may import this file.
const issued = new WeakSet<object>()

export function register(context: object): void {
  issued.add(context)
}

export function isRegistered(context: object): boolean {
  return issued.has(context)
}
