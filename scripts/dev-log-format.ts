// Turns the app's JSON log lines into one readable line each for the terminal (`npm run dev` only;
// production keeps JSON). Lines that are not JSON pass through untouched.
import { Transform } from 'node:stream'

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' }
const HIDDEN = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname'])

export function formatLine(line: string): string {
  if (!line.startsWith('{')) return line
  try {
    const entry = JSON.parse(line) as Record<string, unknown>
    const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : ''
    const level = LEVELS[Number(entry.level)] ?? 'INFO '
    const fields = Object.entries(entry)
      .filter(([key]) => !HIDDEN.has(key))
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ')
    return `${time} ${level} ${String(entry.msg ?? '')}${fields ? `  ${fields}` : ''}`
  } catch {
    return line
  }
}

export function logFormatter(): Transform {
  let rest = ''
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const lines = (rest + chunk.toString()).split('\n')
      rest = lines.pop() ?? ''
      done(null, lines.map((l) => `${formatLine(l)}\n`).join(''))
    },
    flush(done) {
      done(null, rest ? `${formatLine(rest)}\n` : '')
    },
  })
}
