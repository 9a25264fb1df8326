import net from 'node:net'

// A tiny SMTP server for tests: enough of RFC 5321 for nodemailer to deliver one message per
// connection (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, QUIT), with every message kept in memory.
// A real listener on a real port, so a test of the SMTP transport fails when delivery does.

export type ReceivedMessage = { auth: string | null; from: string; to: string[]; data: string }

export type SmtpListener = {
  url: (credentials?: string) => string
  received: ReceivedMessage[]
  close: () => Promise<void>
}

export async function startSmtpListener(options: { refuseRecipients?: boolean } = {}): Promise<SmtpListener> {
  const received: ReceivedMessage[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    let buffer = ''
    let inData = false
    let message: ReceivedMessage = { auth: null, from: '', to: [], data: '' }
    const reply = (line: string) => socket.write(`${line}\r\n`)
    const handle = (line: string) => {
      if (inData) {
        if (line === '.') {
          inData = false
          received.push(message)
          message = { auth: message.auth, from: '', to: [], data: '' }
          reply('250 2.0.0 queued')
        } else {
          message.data += `${line.startsWith('..') ? line.slice(1) : line}\n`
        }
        return
      }
      const [verb = '', ...rest] = line.split(' ')
      const argument = rest.join(' ')
      switch (verb.toUpperCase()) {
        case 'EHLO':
          reply('250-localhost')
          return reply('250 AUTH PLAIN')
        case 'AUTH':
          message.auth = Buffer.from(rest[1] ?? '', 'base64').toString('utf8')
          return reply('235 2.7.0 accepted')
        case 'MAIL':
          message.from = argument
          return reply('250 2.1.0 ok')
        case 'RCPT':
          if (options.refuseRecipients) return reply('550 5.1.1 no such mailbox')
          message.to.push(argument)
          return reply('250 2.1.5 ok')
        case 'DATA':
          inData = true
          return reply('354 end with <CRLF>.<CRLF>')
        case 'RSET':
          message = { auth: message.auth, from: '', to: [], data: '' }
          return reply('250 2.0.0 ok')
        case 'QUIT':
          reply('221 2.0.0 bye')
          socket.end()
          return
        default:
          return reply('502 5.5.2 not implemented')
      }
    }
    reply('220 localhost ESMTP test listener')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        handle(line)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: (credentials) => `smtp://${credentials ? `${credentials}@` : ''}127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
