// Admin actions on accounts (auth.md §13): set a password, wipe 2FA, invitation and reset
// links. The database parts take a Prisma client so the CLI (`slate change-password`,
// `slate disable-2fa`) runs the same code as the HTTP routes.
import type { Db } from '../db/client.ts'
import type { Config } from '../config.ts'
import { AppError } from '../lib/errors.ts'
import { hashPassword, passwordProblem } from '../auth/password.ts'
import { enabledMethods } from '../auth/two-factor.ts'
import type { Person } from '../generated/prisma/client.ts'

export class AccountError extends AppError {
  constructor(message: string) {
    super(400, { error: true, message })
  }
}

/** §13's refusals for password changes made by someone else (the CLI passes no caller). */
export function checkPasswordTarget(config: Config, target: Person, callerId: string | null) {
  if (callerId === target.id) return
  if (target.email && config.protectedAccounts.includes(target.email.toLowerCase())) throw new AccountError('This user is in protected accounts.')
  if (callerId && target.role === 'admin' && target.password?.length) throw new AccountError("An admin can't change another admin's password.")
}

export async function setPassword(db: Db, config: Config, target: Person, password: string, confirmation: string, callerId: string | null) {
  checkPasswordTarget(config, target, callerId)
  const problem = passwordProblem(password, confirmation, config.minPasswordLength)
  if (problem) throw new AccountError(problem)
  if (!target.active) throw new AccountError('User is unactive.')
  await db.person.update({
    where: { id: target.id },
    data: { password: await hashPassword(password, config.bcryptRounds), login_failed_attemps: 0 },
  })
}

/** Clears every method, secret, credential, recovery code and the preference. */
export async function wipeTwoFactor(db: Db, target: Person, caller: { id: string; role: string } | null) {
  if (caller && caller.id !== target.id && target.role === 'admin') throw new AccountError("An admin can't disable 2FA for other admins.")
  if (!enabledMethods(target).length) throw new AccountError('Two factor authentication not enabled for this user.')
  if (!target.active) throw new AccountError('User is unactive.')
  await db.person.update({
    where: { id: target.id },
    data: {
      totp_enabled: false, totp_secret: null, email_otp_enabled: false, email_otp_secret: null,
      fido_enabled: false, fido_credentials: [], otp_recovery_codes: [], preferred_two_factor_authentication: null,
    },
  })
}
