// What every single sign-on ends with (auth.md §11.1–11.2): the provider vouched for an
// e-mail, so the non-bot person with that e-mail signs in (their names refreshed from the
// provider), or a new `user` is created; then Zou's landing: a 302 to the site, with both
// auth cookies (whatever the User-Agent) and a `web` login log for an active person only.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Person } from '../generated/prisma/client.ts'
import { AppError } from '../lib/errors.ts'
import { isUserLimitReached } from '../services/user-limit.ts'
import { hashPassword } from './password.ts'
import { clientIp, issueTokens, setAuthCookies } from './tokens.ts'
import { needsTwoFactorSetup } from './two-factor.ts'

export interface SsoIdentity {
  email: string
  /** Only the names the provider gave: absent ones leave the stored names alone. */
  names: { first_name?: string; last_name?: string }
}

/** The SSO error body: `error` is a string here (Zou). */
export const ssoError = (message: string) => new AppError(400, { error: message })

const NAME_MAX = 80

/** A claim usable as a name: a non-empty string, cut to the column's length. */
export function nameValue(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, NAME_MAX) : undefined
}

export async function findOrCreateSsoPerson(app: FastifyInstance, identity: SsoIdentity): Promise<Person> {
  const email = identity.email.trim().toLowerCase()
  const names = Object.fromEntries(Object.entries(identity.names).filter(([, v]) => v !== undefined)) as SsoIdentity['names']
  // Locked per e-mail so that two first log-ins at once create one person, not two.
  const { person, event } = await app.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sso:${email}`}))`
    const existing = await tx.person.findFirst({
      where: { email: { equals: email, mode: 'insensitive' }, is_bot: false },
      orderBy: { created_at: 'asc' },
    })
    if (existing) {
      const changed = Object.entries(names).some(([k, v]) => existing[k as keyof typeof names] !== v)
      if (!changed) return { person: existing, event: null }
      // Zou: protected-account rules do not apply to the provider's own data.
      const updated = await tx.person.update({ where: { id: existing.id }, data: names })
      return { person: updated, event: 'person:update' }
    }
    // Slate: Zou creates SSO accounts past USER_LIMIT; the limit holds here as everywhere else.
    if (await isUserLimitReached(tx, app.config.userLimit)) throw ssoError('User limit reached.')
    const password = await hashPassword(randomBytes(48).toString('base64url'), app.config.bcryptRounds)
    const created = await tx.person.create({
      data: { email, first_name: names.first_name ?? '', last_name: names.last_name ?? '', role: 'user', password },
    })
    return { person: created, event: 'person:new' }
  })
  if (event) await app.events.emit(event, { person_id: person.id })
  return person
}

/** Signs an active person in on this response: tokens in both cookies and a `web` login log. */
export async function setSsoSession(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, person: Person, skip2fa: boolean) {
  if (!person.active) return
  const restricted = !skip2fa && needsTwoFactorSetup(app, person)
  setAuthCookies(req, reply, issueTokens(app, person.id, restricted, skip2fa))
  await app.db.loginLog.create({ data: { person_id: person.id, ip_address: clientIp(req).slice(0, 50), origin: 'web' } })
}

/** Where Zou sends the browser after a single sign-on. */
export const siteUrl = (app: FastifyInstance) => `${app.config.domainProtocol}://${app.config.domainName}`
