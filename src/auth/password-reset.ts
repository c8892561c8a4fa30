// Changing and resetting passwords (auth.md §6.5–6.7, §8, §9): the old password is checked
// like a log-in (lockout included); reset links are single-use 64-character tokens kept 2 h
// under the e-mail; invitation and forced-reset tokens are spent the same way.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { AppError } from '../lib/errors.ts'
import { checkPassword, hashPassword, passwordProblem, randomToken } from './password.ts'
import { consumeToken, readToken, storeToken } from './one-time-tokens.ts'
import { countFailure, findLoginPerson, isLockedOut } from './login.ts'
import { escapeHtml } from './email-otp.ts'

const RESET_TTL_S = 2 * 3600
const fail = (message: string, extra: Record<string, unknown> = {}) => new AppError(400, { error: true, message, ...extra })

export async function changePassword(app: FastifyInstance, personId: string, body: { old_password: string; password: string; password_2: string }) {
  const person = await app.db.person.findUnique({ where: { id: personId } })
  if (!person) throw fail('Old password is wrong.')
  if (await isLockedOut(app, person)) throw fail('Too many failed login attempts.', { too_many_failed_login_attemps: true })
  if (!(await checkPassword(body.old_password, person.password, app.config.bcryptRounds))) {
    await countFailure(app, person.id)
    throw fail('Old password is wrong.')
  }
  if (!person.active) throw fail('User is unactive.')
  const problem = passwordProblem(body.password, body.password_2, app.config.minPasswordLength)
  if (problem) throw fail(problem)
  await app.db.person.update({
    where: { id: person.id },
    data: { password: await hashPassword(body.password, app.config.bcryptRounds), login_failed_attemps: 0 },
  })
  if (person.email) {
    await app.mailer.send({
      to: person.email,
      subject: 'Your Kitsu password was changed',
      text: `Hello ${person.first_name ?? ''},\n\nYour password was changed. If you did not do it, contact your administrator.\n`,
      html: `<p>Hello ${escapeHtml(person.first_name ?? '')},</p><p>Your password was changed. If you did not do it, contact your administrator.</p>`,
    })
  }
}

/** The link Kitsu's reset page reads (`type=new` for invitations). */
export function resetLink(app: FastifyInstance, email: string, token: string, invitation = false): string {
  const { domainProtocol, domainName } = app.config
  return `${domainProtocol}://${domainName}/reset-change-password?email=${encodeURIComponent(email)}&token=${token}${invitation ? '&type=new' : ''}`
}

/** POST /auth/reset-password: mails a link to an active, non-bot person; silent otherwise. */
export async function requestReset(app: FastifyInstance, email: string): Promise<void> {
  const { rows } = await app.pool.query(
    'SELECT id, email, first_name FROM person WHERE lower(email) = lower($1) AND is_bot = false AND active = true LIMIT 1',
    [email.trim()],
  )
  const person = rows[0]
  if (!person) return
  const token = randomToken()
  await storeToken(app.db, 'reset-password', person.email, token, RESET_TTL_S)
  const link = resetLink(app, person.email, token)
  await app.mailer.send({
    to: person.email,
    subject: 'Kitsu password reset',
    text: `Hello ${person.first_name ?? ''},\n\nTo choose a new password, open this link within 2 hours:\n${link}\n\nIf you did not ask for it, ignore this mail.\n`,
    html: `<p>Hello ${escapeHtml(person.first_name ?? '')},</p><p>To choose a new password, open this link within 2 hours:</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>If you did not ask for it, ignore this mail.</p>`,
  })
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** PUT /auth/reset-password: checks the token, the password rules, then spends the token. */
export async function completeReset(app: FastifyInstance, body: { email: string; token: string; password: string; password2: string }) {
  const wrong = () => fail('Wrong or expired token.')
  const stored = await readToken(app.db, 'reset-password', body.email)
  if (!stored || !sameToken(stored, body.token)) throw wrong()
  const problem = passwordProblem(body.password, body.password2, app.config.minPasswordLength)
  if (problem) throw fail(problem)
  const person = await findLoginPerson(app, body.email)
  if (!person) throw wrong()
  const hash = await hashPassword(body.password, app.config.bcryptRounds)
  // Spent by exactly one request, even when two arrive together.
  if (!(await consumeToken(app.pool, 'reset-password', body.email, stored))) throw wrong()
  await app.db.person.update({ where: { id: person.id }, data: { password: hash, login_failed_attemps: 0 } })
}
