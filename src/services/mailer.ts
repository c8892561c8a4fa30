// Outgoing e-mail (password resets, one-time codes, notices) through nodemailer: SMTP when
// MAIL_SERVER is set, otherwise each message is written as an .eml file under
// `<dataDir>/mail/` so a single-machine install works without a mail server. Logs say only
// that a mail went out (or where its file is), never its content: it may hold a code or link.
import { mkdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config.ts'

export interface Mail {
  to: string
  subject: string
  html: string
  text: string
}

export interface Mailer {
  /** Sends the mail; a delivery failure is logged and reported as false, never thrown. */
  send(mail: Mail): Promise<boolean>
  close(): void
}

export function createMailer(config: Config, log: FastifyBaseLogger): Mailer {
  const { mail } = config
  if (!mail.host) {
    const dir = join(config.dataDir, 'mail')
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
    return {
      async send(m) {
        try {
          const info = await transport.sendMail({ from: mail.sender, ...m })
          mkdirSync(dir, { recursive: true, mode: 0o700 })
          const path = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`)
          await writeFile(path, info.message as Buffer, { mode: 0o600 })
          log.info({ path }, 'mail written to a file (no MAIL_SERVER configured)')
          return true
        } catch (err) {
          log.error({ err: (err as Error).message }, 'could not write a mail file')
          return false
        }
      },
      close() { transport.close() },
    }
  }
  const transport = nodemailer.createTransport({
    host: mail.host,
    port: mail.port,
    secure: mail.secure,
    requireTLS: mail.requireTls,
    ...(mail.user ? { auth: { user: mail.user, pass: mail.password ?? '' } } : {}),
  })
  return {
    async send(m) {
      try {
        await transport.sendMail({ from: mail.sender, ...m })
        log.info('mail sent')
        return true
      } catch (err) {
        log.error({ err: (err as Error).message }, 'could not send a mail')
        return false
      }
    },
    close() { transport.close() },
  }
}
