// Two-factor state and checks shared by log-in and the enrolment routes (auth.md §10): which
// methods are on, the factor precedence of the log-in challenge, recovery codes, and the
// preferred method with its fallback order when one is disabled.
import bcrypt from 'bcrypt'
import type { FastifyInstance } from 'fastify'
import type { Person } from '../generated/prisma/client.ts'
import { randomToken } from './password.ts'
import { checkTotp } from './totp.ts'
import { checkEmailOtp } from './email-otp.ts'
import { checkFidoAssertion } from './fido.ts'

export type Method = 'totp' | 'email_otp' | 'fido'

export interface FactorInput {
  totp?: string
  email_otp?: string
  fido_authentication_response?: unknown
  recovery_code?: string
}

export function enabledMethods(p: Pick<Person, 'totp_enabled' | 'email_otp_enabled' | 'fido_enabled'>): Method[] {
  return [p.totp_enabled && 'totp', p.email_otp_enabled && 'email_otp', p.fido_enabled && 'fido'].filter(Boolean) as Method[]
}

/**
 * Checks the one factor the input carries, with §10.2's precedence: 'missing' when none
 * applies, 'wrong' when it fails. A matching recovery code is consumed.
 */
export async function verifyFactor(app: FastifyInstance, person: Person, input: FactorInput): Promise<'ok' | 'missing' | 'wrong'> {
  if (input.totp && person.totp_enabled) return (await checkTotp(person.totp_secret, input.totp)) ? 'ok' : 'wrong'
  if (input.email_otp && person.email_otp_enabled) return (await checkEmailOtp(app, person, input.email_otp)) ? 'ok' : 'wrong'
  if (input.fido_authentication_response && person.fido_enabled) {
    return (await checkFidoAssertion(app, person, input.fido_authentication_response)) ? 'ok' : 'wrong'
  }
  if (input.recovery_code) return (await useRecoveryCode(app, person, input.recovery_code)) ? 'ok' : 'wrong'
  return 'missing'
}

const RECOVERY_CODES = 16
const RECOVERY_ROUNDS = 6

/** 16 new codes; their bcrypt hashes replace the stored ones. Returns the plain codes. */
export async function newRecoveryCodes(app: FastifyInstance, personId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, () => randomToken(10))
  const hashes = await Promise.all(codes.map(async (c) => Buffer.from(await bcrypt.hash(c, RECOVERY_ROUNDS))))
  await app.db.person.update({ where: { id: personId }, data: { otp_recovery_codes: hashes } })
  return codes
}

async function useRecoveryCode(app: FastifyInstance, person: Person, code: string): Promise<boolean> {
  const stored = person.otp_recovery_codes ?? []
  for (let i = 0; i < stored.length; i++) {
    if (await bcrypt.compare(code, Buffer.from(stored[i]).toString('utf8'))) {
      // Single use: remove it unless a concurrent request already did.
      const rest = stored.filter((_, j) => j !== i).map((b) => Buffer.from(b))
      const { rowCount } = await app.pool.query(
        'UPDATE person SET otp_recovery_codes = $2 WHERE id = $1 AND $3::bytea = ANY(otp_recovery_codes)',
        [person.id, rest, Buffer.from(stored[i])],
      )
      return rowCount === 1
    }
  }
  return false
}

/**
 * Marks a method enabled (with its extra columns). The first method becomes the preferred
 * one and creates the recovery codes, returned; later ones return null.
 */
export async function enableMethod(app: FastifyInstance, person: Person, method: Method, data: Record<string, unknown> = {}): Promise<string[] | null> {
  const first = enabledMethods(person).length === 0
  await app.db.person.update({
    where: { id: person.id },
    data: {
      ...data,
      [`${method}_enabled`]: true,
      ...(first || !person.preferred_two_factor_authentication ? { preferred_two_factor_authentication: method } : {}),
    },
  })
  return first ? newRecoveryCodes(app, person.id) : null
}

const FALLBACK: Record<Method, Method[]> = { totp: ['fido', 'email_otp'], email_otp: ['fido', 'totp'], fido: ['totp', 'email_otp'] }

/** Turns a method off; the preference falls back, and with no method left codes are cleared. */
export async function disableMethod(app: FastifyInstance, person: Person, method: Method, data: Record<string, unknown> = {}): Promise<void> {
  const remaining = enabledMethods(person).filter((m) => m !== method)
  let preferred = person.preferred_two_factor_authentication
  if (preferred === method || !remaining.includes(preferred as Method)) preferred = FALLBACK[method].find((m) => remaining.includes(m)) ?? null
  await app.db.person.update({
    where: { id: person.id },
    data: {
      ...data,
      [`${method}_enabled`]: false,
      preferred_two_factor_authentication: remaining.length ? preferred : null,
      ...(remaining.length ? {} : { otp_recovery_codes: [] }),
    },
  })
}

/** ENFORCE_2FA: a person with no method (and not exempt) gets restricted tokens. */
export function needsTwoFactorSetup(app: FastifyInstance, person: Pick<Person, 'email' | 'totp_enabled' | 'email_otp_enabled' | 'fido_enabled'>): boolean {
  if (!app.config.enforce2fa || enabledMethods(person).length) return false
  return !app.config.twoFactorExempt.includes((person.email ?? '').toLowerCase())
}
