// /api/auth/* – Auth.js endpoints (sign-in callbacks, CSRF, sign-out).
import { authHandlers } from '@/modules/users'

export const { GET, POST } = authHandlers
