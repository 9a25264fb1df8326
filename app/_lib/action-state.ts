// The result every Server Action form returns (shared by server actions and client forms).
export type ActionState = { ok: true; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string> } | null
