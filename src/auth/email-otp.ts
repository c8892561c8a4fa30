// E-mail OTP (auth.md §10.1): RFC 4226 HOTP codes from the person's secret at a random
// counter the server keeps for 5 minutes under the e-mail; a code is single use.
import { randomInt } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { generate, verify } from 'otplib'
import type { Person } from '../generated/prisma/client.ts'
import { consumeToken, readToken, storeToken } from './one-time-tokens.ts'

const LIFETIME_S = 5 * 60
const MAX_COUNTER = 999_999_999_999

const key = (person: Pick<Person, 'email'>) => (person.email ?? '').toLowerCase()

/** Draws a new counter, keeps it 5 minutes, and e-mails the code. */
export async function sendEmailOtp(app: FastifyInstance, person: Person, secret = person.email_otp_secret): Promise<void> {
  if (!secret || !person.email) return
  // randomInt's range is limited to 2^48, which covers Zou's 0 … 999 999 999 999.
  const counter = randomInt(0, MAX_COUNTER + 1)
  await storeToken(app.db, 'email-otp', key(person), String(counter), LIFETIME_S)
  const code = await generate({ secret, strategy: 'hotp', counter })
  await app.mailer.send({
    to: person.email,
    subject: 'Your Kitsu verification code',
    text: `Hello ${person.first_name ?? ''},\n\nYour verification code is ${code}. It is valid for 5 minutes and can be used once.\n`,
    html: `<p>Hello ${escapeHtml(person.first_name ?? '')},</p><p>Your verification code is <strong>${code}</strong>. It is valid for 5 minutes and can be used once.</p>`,
  })
}

/** Checks a code against the kept counter; a match consumes it. */
export async function checkEmailOtp(app: FastifyInstance, person: Person, code: string, secret = person.email_otp_secret): Promise<boolean> {
  if (!secret || !/^\d{6}$/.test(code.trim())) return false
  const counter = await readToken(app.db, 'email-otp', key(person))
  if (counter === null) return false
  let valid = false
  try {
    valid = (await verify({ secret, token: code.trim(), strategy: 'hotp', counter: Number(counter) })).valid
  } catch {
    valid = false
  }
  return valid && consumeToken(app.pool, 'email-otp', key(person), counter)
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
