// Password log-in (auth.md §6.1, §7): account lookup by e-mail then desktop login, lockout
// after 5 failures for one minute, bcrypt check, inactive check after the password, 2FA
// challenge, the `default` password rule, and a login_log row on success.
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/client.ts'
import type { Person } from '../generated/prisma/client.ts'
import { AppError } from '../lib/errors.ts'
import { checkPassword, randomToken } from './password.ts'
import { storeToken } from './one-time-tokens.ts'
import { issueTokens, type IssuedTokens } from './tokens.ts'
import { enabledMethods, needsTwoFactorSetup, verifyFactor } from './two-factor.ts'

export interface LoginInput {
  email: string
  password?: string
  totp?: string
  email_otp?: string
  fido_authentication_response?: unknown
  recovery_code?: string
}

const LOCKOUT_ATTEMPTS = 5
const LOCKOUT_MS = 60_000
const STRATEGIES = new Set(['auth_local_classic', 'auth_local_no_password'])

const fail = (body: Record<string, unknown>, status = 400) => new AppError(status, body)

/** The oldest non-bot person with this e-mail (case-insensitive); a transaction client works too. */
export async function findPersonByEmail(db: Pick<Db, 'person' | '$queryRaw'>, email: string): Promise<Person | null> {
  // lower() on both sides: stored addresses may be mixed-case (Prisma's insensitive mode is ILIKE).
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM person WHERE lower(email) = lower(${email.trim()}) AND is_bot = false ORDER BY created_at LIMIT 1`
  return rows[0] ? db.person.findUnique({ where: { id: rows[0].id } }) : null
}

/** Non-bot person by e-mail (case-insensitive), else by desktop login (exact, first match). */
export async function findLoginPerson(app: FastifyInstance, login: string) {
  if (!login) return null
  const byEmail = await findPersonByEmail(app.db, login)
  return byEmail ?? app.db.person.findFirst({ where: { desktop_login: login, is_bot: false }, orderBy: { created_at: 'asc' } })
}

export async function logIn(app: FastifyInstance, input: LoginInput): Promise<{ personId: string; tokens: IssuedTokens; restricted: boolean }> {
  const { config, db } = app
  if (!STRATEGIES.has(config.authStrategy)) throw fail({ login: false }, 409)
  const password = input.password ?? 'default'
  const person = await findLoginPerson(app, input.email)

  if (person && (await isLockedOut(app, person))) {
    throw fail({ error: true, login: false, too_many_failed_login_attemps: true })
  }

  const noPassword = config.authStrategy === 'auth_local_no_password'
  const ok = noPassword
    ? (await checkPassword(password, null, config.bcryptRounds), !!person)
    : await checkPassword(password, person?.password, config.bcryptRounds)
  if (!person || !ok) {
    if (person) await countFailure(app, person.id)
    throw fail({ login: false })
  }
  if (!person.active) {
    throw fail({ error: true, login: false, unactive: true, message: 'User is unactive, he cannot log in.' }, 401)
  }

  const methods = enabledMethods(person)
  if (methods.length) {
    const factor = await verifyFactor(app, person, input)
    if (factor === 'missing') {
      throw fail({
        error: true, login: false, missing_OTP: true,
        preferred_two_factor_authentication: person.preferred_two_factor_authentication ?? null,
        two_factor_authentication_enabled: ['recovery_code', ...methods],
      })
    }
    if (factor === 'wrong') {
      await countFailure(app, person.id)
      throw fail({ error: true, login: false, wrong_OTP: true })
    }
  }

  if (!noPassword && password === 'default') {
    const token = randomToken()
    await storeToken(db, 'reset-password', input.email, token, 2 * 3600)
    throw fail({ login: false, default_password: true, token })
  }

  if (person.login_failed_attemps) {
    await db.person.update({ where: { id: person.id }, data: { login_failed_attemps: 0 } })
  }
  const restricted = needsTwoFactorSetup(app, person)
  return { personId: person.id, tokens: issueTokens(app, person.id, restricted), restricted }
}

/**
 * §7.3: five failures less than a minute ago lock the account; once the minute has passed
 * the counter starts again from zero.
 */
export async function isLockedOut(app: FastifyInstance, person: { id: string; login_failed_attemps: number | null; last_login_failed: Date | null }) {
  if ((person.login_failed_attemps ?? 0) < LOCKOUT_ATTEMPTS) return false
  if (Date.now() - (person.last_login_failed?.getTime() ?? 0) < LOCKOUT_MS) return true
  await app.db.person.update({ where: { id: person.id }, data: { login_failed_attemps: 0 } })
  person.login_failed_attemps = 0
  return false
}

export async function countFailure(app: FastifyInstance, personId: string) {
  await app.pool.query(
    `UPDATE person SET login_failed_attemps = COALESCE(login_failed_attemps, 0) + 1, last_login_failed = now() WHERE id = $1`,
    [personId],
  )
}

/** Failed log-ins all take at least this long, whatever failed (STYLE §9). */
export const FAILED_LOGIN_MIN_MS = 250

export async function padFailure<T>(started: number, work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (err) {
    const wait = FAILED_LOGIN_MIN_MS - (Date.now() - started)
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    throw err
  }
}
