// The studio's way in: `slate create-admin` and the first start, which makes sure at least
// one active admin can log in. Both run outside any request, so there is no actor to check.
import { randomInt } from 'node:crypto'
import type { Config } from '../config.ts'
import type { Db } from '../db/client.ts'
import { hashPassword } from '../auth/password.ts'

/** A refusal the CLI prints as one line (bad e-mail, short password). */
export class AdminError extends Error {}

export interface AdminResult {
  id: string
  email: string
  created: boolean
}

const DEFAULT_ADMIN_EMAIL = 'admin@example.com'
// Deliberately loose: one @, no spaces, a dot in the domain. Delivery is the real test.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Creates an active admin, or turns the existing non-bot person with that e-mail into one
 * (active, role admin, new password). The user limit is not applied: this is how a studio
 * gets back in, whatever the licence count.
 */
export async function createAdmin(db: Db, config: Config, email: string, password: string): Promise<AdminResult> {
  const address = email.trim().toLowerCase()
  if (!EMAIL.test(address)) throw new AdminError(`"${email}" is not a valid e-mail address.`)
  if (password.length < config.minPasswordLength) {
    throw new AdminError(`Password is too short (minimum ${config.minPasswordLength} characters).`)
  }
  // A plain Uint8Array copy: Prisma's Bytes type does not take a Buffer over a shared pool.
  const hash = new Uint8Array(await hashPassword(password, config.bcryptRounds))
  const existing = await db.person.findFirst({
    where: { email: { equals: address, mode: 'insensitive' }, is_bot: false },
    orderBy: { created_at: 'asc' },
    select: { id: true },
  })
  if (existing) {
    // Clearing the failed-login counter too: this is also the "I locked myself out" command.
    await db.person.update({
      where: { id: existing.id },
      data: { role: 'admin', active: true, password: hash, login_failed_attemps: 0, last_login_failed: null },
    })
    return { id: existing.id, email: address, created: false }
  }
  const person = await db.person.create({
    data: {
      email: address,
      first_name: firstNameFor(address),
      last_name: '',
      role: 'admin',
      active: true,
      password: hash,
      timezone: config.defaultTimezone,
      locale: config.defaultLocale,
    },
    select: { id: true },
  })
  return { id: person.id, email: address, created: true }
}

/**
 * Start-up check: with no active admin, creates one from SLATE_ADMIN_EMAIL/SLATE_ADMIN_PASSWORD,
 * or with a random password that the caller must show once (returned, never logged).
 */
export async function ensureAdmin(db: Db, config: Config): Promise<{ email: string; password: string } | null> {
  const admin = await db.person.findFirst({ where: { role: 'admin', active: true, is_bot: false }, select: { id: true } })
  if (admin) return null
  if (config.adminEmail && config.adminPassword) {
    await createAdmin(db, config, config.adminEmail, config.adminPassword)
    return null
  }
  const email = config.adminEmail ?? DEFAULT_ADMIN_EMAIL
  const password = randomPassword(Math.max(16, config.minPasswordLength))
  const result = await createAdmin(db, config, email, password)
  return { email: result.email, password }
}

function firstNameFor(email: string): string {
  const local = email.split('@')[0]
  // person.first_name is varchar(80).
  return local ? local.slice(0, 80) : 'Admin'
}

/** Letters and digits without look-alikes (0/O, 1/l/I), so the printed password copies cleanly. */
function randomPassword(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)]
  return out
}
