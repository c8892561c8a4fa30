// crud.md §11.1: who sees which person fields, the user limit, e-mail and locale checks,
// hashed passwords, what non-admins may change about themselves, protected accounts, and
// force deletes, and the API tokens minted for bots and persons (auth.md §5).
import { randomUUID } from 'node:crypto'
import { AppError, forbidden, invalid, wrongParameter } from '../../lib/errors.ts'
import type { Row } from '../../lib/serialize.ts'
import { hashPassword } from '../../auth/password.ts'
import { apiTokenClaims } from '../../auth/tokens.ts'
import { fullName, minimalPerson } from '../../services/persons.ts'
import { isUserLimitReached } from '../../services/user-limit.ts'
import type { Ctx } from '../context.ts'
import type { Hooks } from '../model.ts'
import type { JsonSchema } from '../model-schemas.ts'

export const PERSON_EXTRA_SCHEMA: Record<string, JsonSchema> = { full_name: { type: 'string' }, access_token: { type: 'string' } }

/** API tokens minted by this request's person write, answered once as `access_token` (auth.md §5). */
const minted = new WeakMap<Ctx, string>()

function mintApiToken(ctx: Ctx, data: Row, personId: string, isBot: boolean, expiration: unknown) {
  const claims = apiTokenClaims(personId, isBot ? 'bot' : 'person_api', typeof expiration === 'string' ? expiration : null)
  data.jti = claims.jti
  minted.set(ctx, ctx.signToken(claims))
}

const NON_ADMIN_FILTERABLE = new Set([
  'id', 'first_name', 'last_name', 'full_name', 'has_avatar', 'active', 'departments', 'studio_id', 'role',
  'desktop_login', 'email', 'is_bot',
])
export const personFilterable = (ctx: Ctx) => (ctx.isAdmin ? null : NON_ADMIN_FILTERABLE)

/** Columns a person may not change about themselves (admins may). */
const ADMIN_ONLY_FIELDS = [
  'role', 'departments', 'active', 'is_bot', 'archived', 'is_generated_from_ldap', 'ldap_uid', 'last_presence', 'studio_id',
]
/** Slate: 2FA state changes only through the 2FA routes (Zou lets PUT rewrite it). */
const TWO_FACTOR_FLAGS = ['totp_enabled', 'email_otp_enabled', 'fido_enabled']

export const PERSON_ENUM_MESSAGES = {
  display_date_format: 'Invalid display_date_format, expected one of: YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY.',
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const LOCALE = /^[a-z]{2,3}(_[A-Z]{2})?$/

function userLimitReached(ctx: Ctx) {
  return new AppError(400, { error: true, message: 'User limit reached.', data: { limit: ctx.config.userLimit } })
}

/** Validates and normalises (in place) e-mail, country and locale; bots may share e-mails. */
async function checkFields(ctx: Ctx, data: Row, selfId: string | null, isBot: boolean) {
  if (typeof data.email === 'string') {
    const email = data.email.trim().toLowerCase()
    if (!EMAIL.test(email)) throw wrongParameter('The email address is not valid.')
    data.email = email
    if (!isBot) {
      const clash = await ctx.db.person.findFirst({ where: { email, is_bot: false, ...(selfId ? { NOT: { id: selfId } } : {}) }, select: { id: true } })
      if (clash) throw wrongParameter('Email already in use.')
    }
  }
  if ('country' in data) {
    const c = typeof data.country === 'string' ? data.country.trim() : data.country
    if (c === '' || c === null) data.country = null
    else if (typeof c === 'string' && /^[A-Za-z]{2}$/.test(c)) data.country = c.toUpperCase()
    else throw wrongParameter('Invalid country code, expected an ISO 3166-1 alpha-2 code.')
  }
  if ('locale' in data && data.locale !== null && !LOCALE.test(String(data.locale))) {
    throw wrongParameter('Invalid locale, expected a name available in Python Babel (e.g. en_US, fr_FR).')
  }
}

function checkExpiration(body: Row, stored: Date | null) {
  if (!('expiration_date' in body) || body.expiration_date === null) return
  const value = body.expiration_date
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw wrongParameter('Expiration date is not valid.')
  }
  if (stored && stored.toISOString().slice(0, 10) === value) return
  if (value < new Date().toISOString().slice(0, 10)) throw wrongParameter("Expiration date can't be in the past.")
}

const isProtected = (ctx: Ctx, row: Row) =>
  !row.is_bot && typeof row.email === 'string' && ctx.config.protectedAccounts.includes(row.email) && row.id !== ctx.actor.id

export const personHooks: Hooks = {
  async beforeCreate(ctx, data, body) {
    if (!data.is_bot && data.active !== false && (await isUserLimitReached(ctx.db, ctx.config.userLimit))) throw userLimitReached(ctx)
    checkExpiration(body, null)
    await checkFields(ctx, data, null, !!data.is_bot)
    if (data.is_bot) {
      data.id = randomUUID()
      mintApiToken(ctx, data, data.id as string, true, body.expiration_date)
    }
    if (typeof body.password === 'string') data.password = await hashPassword(body.password, ctx.config.bcryptRounds)
  },
  async beforeUpdate(ctx, row, data, body) {
    if (!ctx.isAdmin) for (const key of ADMIN_ONLY_FIELDS) delete data[key]
    for (const key of TWO_FACTOR_FLAGS) delete data[key]
    if (ctx.actor.identityType === 'bot') delete data.expiration_date
    if (isProtected(ctx, row)) {
      if (data.active === false) throw forbidden("Can't set this person as inactive it's a protected account.")
      if ('role' in data && data.role !== row.role) throw forbidden("Can't change the role of this person it's a protected account.")
    }
    if (data.active === true && row.active === false && !row.is_bot && (await isUserLimitReached(ctx.db, ctx.config.userLimit))) {
      throw userLimitReached(ctx)
    }
    const stored = (row.expiration_date as Date | null) ?? null
    checkExpiration(body, stored)
    await checkFields(ctx, data, row.id as string, !!row.is_bot)
    // A new API token for any expiration_date given (null: never expires), except the stored past date.
    if ('expiration_date' in data) {
      const value = body.expiration_date
      const today = new Date().toISOString().slice(0, 10)
      if (value === null || (typeof value === 'string' && value >= today)) mintApiToken(ctx, data, row.id as string, !!row.is_bot, value)
    }
  },
  async guardDelete(ctx, row) {
    if (!ctx.isAdmin) return
    if (row.id === ctx.actor.id) throw forbidden()
    if (isProtected(ctx, row)) throw forbidden("Can't delete this person it's a protected account.")
  },
  async beforeDelete(_ctx, tx, row, query) {
    const db = tx as { $executeRawUnsafe: (q: string, ...v: unknown[]) => Promise<number> }
    if ((query.force ?? '').toLowerCase() === 'true') {
      for (const sql of PERSON_FORCE_DELETE) await db.$executeRawUnsafe(sql, row.id)
      return
    }
    const { 0: linked } = await (tx as { $queryRawUnsafe: (q: string, ...v: unknown[]) => Promise<Array<{ n: boolean }>> })
      .$queryRawUnsafe(PERSON_STILL_LINKED, row.id)
    if (linked?.n) throw invalid('Some data are still linked to given person.')
  },
  serialize(ctx, out, row, op) {
    out.full_name = fullName(row)
    const safe = ctx.isAdmin || (op === 'get' && ctx.actor.role === 'manager') || op === 'new' || op === 'update'
    return safe ? out : minimalPerson(out)
  },
  async respond(ctx, op, out) {
    const token = minted.get(ctx)
    if (token) out.access_token = token
    if (op !== 'update') return out
    // Zou: the PUT answer has no relations but still lists the departments.
    const links = await ctx.db.departmentLink.findMany({ where: { person_id: out.id as string }, select: { department_id: true } })
    out.departments = links.map((l) => l.department_id)
    return out
  },
}

const PERSON_STILL_LINKED = `SELECT (
  EXISTS (SELECT 1 FROM comment WHERE person_id = $1) OR EXISTS (SELECT 1 FROM task_person_link WHERE person_id = $1)
  OR EXISTS (SELECT 1 FROM time_spent WHERE person_id = $1) OR EXISTS (SELECT 1 FROM project_person_link WHERE person_id = $1)
  OR EXISTS (SELECT 1 FROM notification WHERE person_id = $1 OR author_id = $1) OR EXISTS (SELECT 1 FROM api_event WHERE user_id = $1)
  OR EXISTS (SELECT 1 FROM login_log WHERE person_id = $1) OR EXISTS (SELECT 1 FROM desktop_login_log WHERE person_id = $1)
  OR EXISTS (SELECT 1 FROM preview_file WHERE person_id = $1) OR EXISTS (SELECT 1 FROM working_file WHERE person_id = $1)
  OR EXISTS (SELECT 1 FROM output_file WHERE person_id = $1) OR EXISTS (SELECT 1 FROM subscription WHERE person_id = $1)
  OR EXISTS (SELECT 1 FROM entity WHERE created_by = $1) OR EXISTS (SELECT 1 FROM task WHERE assigner_id = $1)
) AS n`

/** crud.md §11.1 force delete: what references the person goes or is detached, in order. */
const PERSON_FORCE_DELETE = [
  `DELETE FROM notification WHERE comment_id IN (SELECT id FROM comment WHERE person_id = $1)`,
  `DELETE FROM comment_preview_link WHERE comment IN (SELECT id FROM comment WHERE person_id = $1)`,
  `DELETE FROM comment_mentions WHERE comment IN (SELECT id FROM comment WHERE person_id = $1) OR person = $1`,
  `DELETE FROM comment_department_mentions WHERE comment IN (SELECT id FROM comment WHERE person_id = $1)`,
  `DELETE FROM comment_acknoledgments WHERE comment IN (SELECT id FROM comment WHERE person_id = $1) OR person = $1`,
  `DELETE FROM attachment_file WHERE comment_id IN (SELECT id FROM comment WHERE person_id = $1)`,
  `DELETE FROM news WHERE comment_id IN (SELECT id FROM comment WHERE person_id = $1) OR author_id = $1`,
  `DELETE FROM comment WHERE person_id = $1`,
  `UPDATE comment SET editor_id = NULL WHERE editor_id = $1`,
  `DELETE FROM api_event WHERE user_id = $1`,
  `DELETE FROM notification WHERE person_id = $1 OR author_id = $1`,
  `DELETE FROM search_filter WHERE person_id = $1`,
  `DELETE FROM search_filter_group WHERE person_id = $1`,
  `DELETE FROM desktop_login_log WHERE person_id = $1`,
  `DELETE FROM login_log WHERE person_id = $1`,
  `DELETE FROM subscription WHERE person_id = $1`,
  `DELETE FROM time_spent WHERE person_id = $1`,
  `DELETE FROM project_person_link WHERE person_id = $1`,
  `DELETE FROM task_person_link WHERE person_id = $1`,
  `DELETE FROM department_link WHERE person_id = $1`,
  `DELETE FROM chat_participant WHERE person_id = $1`,
  `DELETE FROM day_off WHERE person_id = $1`,
  `UPDATE task SET assigner_id = NULL WHERE assigner_id = $1`,
  `UPDATE output_file SET person_id = NULL WHERE person_id = $1`,
  `UPDATE working_file SET person_id = NULL WHERE person_id = $1`,
  `UPDATE preview_file SET person_id = NULL WHERE person_id = $1`,
  `UPDATE entity SET created_by = NULL WHERE created_by = $1`,
  `UPDATE playlist SET created_by = NULL WHERE created_by = $1`,
]
