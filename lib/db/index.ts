// The database, as the rest of the app may use it. The Prisma client itself stays private to lib/db.
export { withTenant, type TenantTx, type WithTenantOptions } from './tenant'
export { identityDb, type IdentityDb } from './identity'
export { findInvitationByTokenHash, listMembershipsOfUser, type InvitationByToken, type UserMembership } from './system'
export { findTenantOfStripeCustomer, type StripeCustomerTenant } from './system'
export { pingDatabase } from './health'
export { isUniqueViolation, isForeignKeyViolation, isRecordNotFound } from './errors'
export { listAuditEvents, recordAuditEvent, type AuditEventInput, type AuditEventRow } from './audit'
