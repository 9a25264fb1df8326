// Schemas and DTOs of the users module. No server imports: client components may use this file.
import { z } from 'zod'

export const EmailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }).max(254))

export const SignInInputSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: 'Enter your password.' }).min(1, { error: 'Enter your password.' }).max(200),
})
export type SignInInput = z.infer<typeof SignInInputSchema>

export const PasswordSchema = z
  .string({ error: 'Choose a password.' })
  .min(12, { error: 'Use at least 12 characters.' })
  .max(200, { error: 'Use at most 200 characters.' })

export const OrganizationNameSchema = z
  .string({ error: 'Name the organization.' })
  .trim()
  .min(2, { error: 'Use at least 2 characters.' })
  .max(60, { error: 'Use at most 60 characters.' })

export const TenantSlugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, { error: 'Use lowercase letters, digits and dashes.' })

export type MembershipRoleDto = 'owner' | 'admin' | 'member'

export type TenantSummaryDto = { tenantId: string; slug: string; name: string; role: MembershipRoleDto }

export type UserSummaryDto = { id: string; name: string | null; email: string }

/** What a signed-in request knows without asking Postgres. */
export type SessionDto = {
  userId: string
  email: string
  name: string | null
  tenantId: string
  tenantSlug: string
  role: MembershipRoleDto
}

export const SignUpInputSchema = z.object({
  name: z.string({ error: 'Enter your name.' }).trim().min(1, { error: 'Enter your name.' }).max(100),
  email: EmailSchema,
  password: PasswordSchema,
  organizationName: OrganizationNameSchema.optional(),
})
export type SignUpInput = z.infer<typeof SignUpInputSchema>

export const EmailOnlySchema = z.object({ email: EmailSchema })

export const TokenSchema = z.string({ error: 'The link is incomplete.' }).min(20, { error: 'The link is incomplete.' }).max(200)

export const ResetPasswordInputSchema = z.object({ token: TokenSchema, password: PasswordSchema })
export type ResetPasswordInput = z.infer<typeof ResetPasswordInputSchema>

/** The reset form: the new password typed twice. */
export const ResetPasswordFormSchema = ResetPasswordInputSchema.extend({ confirm: z.string() }).refine((form) => form.password === form.confirm, {
  path: ['confirm'],
  error: 'The passwords do not match.',
})

export const ChangePasswordInputSchema = z.object({
  currentPassword: z.string({ error: 'Enter your current password.' }).min(1, { error: 'Enter your current password.' }).max(200),
  newPassword: PasswordSchema,
})
export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>

export const MembershipRoleSchema = z.enum(['owner', 'admin', 'member'], { error: 'A role is owner, admin or member.' })

export const InviteMemberInputSchema = z.object({ email: EmailSchema, role: MembershipRoleSchema.default('member') })
export type InviteMemberInput = z.infer<typeof InviteMemberInputSchema>

export const ChangeRoleInputSchema = z.object({ userId: z.uuid(), role: MembershipRoleSchema })
export type ChangeRoleInput = z.infer<typeof ChangeRoleInputSchema>

export type MemberDto = { userId: string; email: string; name: string | null; role: MembershipRoleDto; joinedAt: string }

export type InvitationDto = { id: string; email: string; role: MembershipRoleDto; expiresAt: string; createdAt: string }

/** A TOTP code (6 digits) or a recovery code (xxxxx-xxxxx); the server decides which. */
export const TwoFactorCodeSchema = z.object({
  code: z
    .string({ error: 'Enter the 6-digit code from your authenticator app.' })
    .trim()
    .min(6, { error: 'Enter the 6-digit code from your authenticator app, or a recovery code.' })
    .max(20, { error: 'That is longer than any code we issue.' }),
})

export type TwoFactorSetupDto = { secret: string; uri: string; qrSvg: string }
export type TwoFactorStatusDto = { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number }

/** Deleting one's own account: the email typed again, and the current password when the account has one. */
export const DeleteAccountInputSchema = z.object({
  confirmEmail: EmailSchema,
  password: z.string().max(200).optional(),
  /** A current two-factor code (or a recovery code) when the account has two-factor on. */
  code: z.string().trim().max(20).optional(),
})
export type DeleteAccountInput = z.infer<typeof DeleteAccountInputSchema>

/** Accepting an invitation as someone without an account: the emailed token proves the address. */
export const InvitationSignUpInputSchema = SignUpInputSchema.pick({ name: true, password: true }).extend({ token: TokenSchema })
export type InvitationSignUpInput = z.infer<typeof InvitationSignUpInputSchema>

/** What the invitation page shows before anyone accepts. */
export type InvitationPreviewDto = { organization: string; email: string; role: MembershipRoleDto; hasAccount: boolean }

/** The random id in a data export's download link (32 bytes, base64url). */
export const DataExportIdSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'This is not a data export link.' })
