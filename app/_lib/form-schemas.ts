import { z } from 'zod'
import {
  ChangePasswordInputSchema,
  EmailOnlySchema,
  InviteMemberInputSchema,
  OrganizationNameSchema,
  ResetPasswordFormSchema,
  SignInInputSchema,
  SignUpInputSchema,
  TwoFactorCodeSchema,
} from '@/modules/users/contract'

// The schemas client forms check before submitting, by name: a Server Component can hand a client
// form a name, not a schema. Each one is the schema its Server Action parses.
export const FORM_SCHEMAS = {
  signIn: SignInInputSchema,
  signUp: SignUpInputSchema,
  email: EmailOnlySchema,
  resetPassword: ResetPasswordFormSchema,
  changePassword: ChangePasswordInputSchema,
  invite: InviteMemberInputSchema,
  organization: z.object({ name: OrganizationNameSchema }),
  twoFactorCode: TwoFactorCodeSchema,
} as const satisfies Record<string, z.ZodType>

export type FormSchemaName = keyof typeof FORM_SCHEMAS
