// Public interface of the users module: identity, sessions, organizations and memberships.
// Other code imports from here (or contract.ts for schemas and types), never from the files behind it.
import 'server-only'

export type {
  ChangePasswordInput,
  InvitationDto,
  InviteMemberInput,
  MemberDto,
  MembershipRoleDto,
  ResetPasswordInput,
  SessionDto,
  SignInInput,
  SignUpInput,
  TenantSummaryDto,
  TwoFactorSetupDto,
  TwoFactorStatusDto,
  UserSummaryDto,
} from './contract'
export { UsersError } from './errors'
export type { SessionPrincipal } from './auth-cookie'
/** Auth.js route handlers for app/api/auth/[...nextauth]/route.ts. */
export { handlers as authHandlers } from './auth'
/** Sessions: read the current one, resolve its tenant context, switch its active organization. */
export {
  getCurrentSession,
  getSessionFromRequest,
  requirePrincipal,
  requireTenantContextOf,
  switchActiveTenant,
  tenantContextOf,
  toSessionDto,
  type CurrentSession,
} from './session'
/** Revocation: one session, or every session of a user at once. */
export { listSessions, revokeSession, revokeAllSessions, type SessionSummary } from './session-store'
/** Sign-in, sign-out, accounts and organizations. */
export {
  getUserSummaries,
  listTenantsOfUser,
  registerUser,
  signInWithPassword,
  signOutCurrentSession,
  type RegisterUserInput,
} from './service'
/** Sign-up with email verification, password reset and change (each ends every session). */
export { changePassword, requestPasswordReset, resendVerification, resetPassword, signUp, verifyEmail } from './accounts'
/** Sign-in without a password: an emailed single-use link, or GitHub/Google when their keys are set. */
export { requestMagicLink } from './magic-link'
export { signInWithMagicLink, startOAuthSignIn } from './passwordless-sign-in'
export { OAuthProviderIdSchema, type OAuthProviderId } from './oauth'
export { listOAuthProviders } from './oauth-providers'
/** What a person signs in with (password, GitHub, Google), and removing a provider. */
export { listSignInMethods, unlinkProvider, type SignInMethodsDto } from './sign-in-methods'
/** The readable text for the sign-in page's `?error=` (Auth.js redirects and our OAuth refusals). */
export { signInErrorMessage } from './sign-in-errors'
/** Two-factor (TOTP + recovery codes): enrol, turn off, new codes, and the second step of sign-in. */
export { beginTwoFactorSetup, confirmTwoFactorSetup, disableTwoFactor, getTwoFactorStatus, regenerateRecoveryCodes } from './two-factor'
export { completeTwoFactorSignIn, type SessionCookie } from './two-factor-challenge'
export { sessionCookieName } from './auth-cookie'
export { getPendingTwoFactorSession } from './session'
/** A person's security history (sign-ins, refused sign-ins, two-factor changes). */
export { listSecurityEvents, type SecurityEventDto } from './security-events'
/** Members: add, list, change role, remove, leave (never the last owner); seat changes are announced to billing. */
export { changeRole, countSeatsInUse, leaveOrganization, listMembers, removeMember, transferOwnership } from './members'
/** Invitations by email: send, list, revoke, resend, accept. */
export { acceptInvitation, inviteMember, listInvitations, resendInvitation, revokeInvitation } from './invitations'
/** Accepting an invitation without an account: a preview for the page, then the account and membership in one go. */
export { acceptInvitationAsNewUser, previewInvitation } from './invitation-sign-up'
/** An organization's own records for its export, and delivering any finished export by email link. */
export { deliverExport, exportOrganizationRecords } from './organization-records'
/** The organization's audit log (owners and admins). */
export { AUDIT_EXPORT_LIMIT, listAuditLog, type AuditEntryDto } from './audit-log'
/** A person's data as JSON: asked for on the account page, built by a job, downloaded through an emailed link. */
export { exportUserData, getDataExport, requestDataExport } from './export'
/** Deleting one's own account (confirmed, re-authenticated; refused while the only owner of a shared organization). */
export { accountHasPassword, listOrganizationsBlockingDeletion, requestAccountDeletion, type BlockingOrganization } from './account-deletion'
/** Deleting an organization (owners; a background job) and the events around it. */
export { deleteOrganization } from './organization-deletion'
export { organizationDeleted, organizationDeletionRequested } from './events'
/** Sent when the seats in use may have changed (members, pending invitations); billing re-counts them. */
export { seatsChanged } from './events'
/** Inngest functions of this module (app/api/inngest/route.ts serves them). */
export { usersJobs } from './jobs'
/** The one permission map: who may invite, change roles, remove, delete, manage billing, read the audit log. */
export { can, PERMISSIONS, type Permission } from './permissions'
/** Organizations: create one, add a member (announced to billing), act as a member from a script. */
export { actAsMember, addMember, createOrganization } from './organizations'
