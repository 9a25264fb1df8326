/** One plain-text message. Every email the app sends has this shape. */
export type Email = { to: string; subject: string; text: string }
