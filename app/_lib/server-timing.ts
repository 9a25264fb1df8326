// Server-Timing header: where a request's time went, visible in the browser's network panel and to
// anyone measuring the hot path (`curl -sI ... | grep -i server-timing`).
export function serverTiming() {
  let last = performance.now()
  const marks: string[] = []
  return {
    mark(name: string) {
      const now = performance.now()
      marks.push(`${name};dur=${(now - last).toFixed(1)}`)
      last = now
    },
    header: () => marks.join(', '),
  }
}
