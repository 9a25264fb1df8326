// The caller's IP for rate limits and audit. Behind Vercel (and most proxies) the first
// X-Forwarded-For entry is the client; without a proxy there is no header and loopback stands in.
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return forwarded || headers.get('x-real-ip')?.trim() || '127.0.0.1'
}
