// A real SMTP server (the smtp-server package) on a loopback port for the tests that follow
// mails: it keeps every received message, parsed with mailparser.
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'

export interface TestSmtp {
  port: number
  messages: ParsedMail[]
  /** The next message sent to this address (waits for it). */
  next(to: string, timeoutMs?: number): Promise<ParsedMail>
  close(): Promise<void>
}

export async function startSmtp(): Promise<TestSmtp> {
  const messages: ParsedMail[] = []
  const taken = new Set<ParsedMail>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => { messages.push(mail); callback() }, callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  const addressed = (m: ParsedMail, to: string) =>
    [m.to].flat().some((a) => a?.value.some((v) => v.address?.toLowerCase() === to.toLowerCase()))
  return {
    port,
    messages,
    async next(to, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs
      for (;;) {
        const found = messages.find((m) => !taken.has(m) && addressed(m, to))
        if (found) { taken.add(found); return found }
        if (Date.now() > until) throw new Error(`no mail to ${to} within ${timeoutMs} ms`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
