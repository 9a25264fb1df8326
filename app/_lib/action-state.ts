// The result every Server Action form returns (shared by server actions and client forms). `data`
// carries what a form shows once and never stores (a new TOTP secret, recovery codes).
export type ActionState<D = undefined> =
  | { ok: true; message?: string; data?: D }
  | { ok: false; error: string; fieldErrors?: Record<string, string> }
  | null
