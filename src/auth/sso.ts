// Log-in through an identity provider (auth.md §11): the non-bot person holding the asserted
// e-mail is updated from the provider's profile when something differs (protected-account
// rules do not apply), or created (role `user`, random password); then Zou's finish: a 302
// to the app with both auth cookies (whatever the User-Agent) and a `web` login log, only
// for active persons. ENFORCE_2FA restricts the tokens unless the provider's SKIP_2FA is set.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Person } from '../generated/prisma/client.ts'
import { isUuid } from '../lib/serialize.ts'
import { hashPassword, randomToken } from './password.ts'
import { findPersonByEmail } from './login.ts'
import { clientIp, issueTokens, setAuthCookies } from './tokens.ts'
import { needsTwoFactorSetup } from './two-factor.ts'

/** What a provider may say about a person; absent fields are left alone. */
export interface SsoProfile {
  first_name?: string
  last_name?: string
  phone?: string | null
  country?: string | null
  studio_id?: string | null
  /** Department ids. */
  departments?: string[]
}

const SCALARS = ['first_name', 'last_name', 'phone', 'country', 'studio_id'] as const

/** Drops department and studio ids that do not exist (Zou would fail on them). */
async function existingRefs(app: FastifyInstance, profile: SsoProfile): Promise<SsoProfile> {
  const out = { ...profile }
  if (out.departments) {
    const ids = out.departments.filter(isUuid)
    const found = ids.length ? await app.db.department.findMany({ where: { id: { in: ids } }, select: { id: true } }) : []
    out.departments = [...new Set(found.map((d) => d.id))]
  }
  if (out.studio_id) {
    const studio = isUuid(out.studio_id) ? await app.db.studio.findUnique({ where: { id: out.studio_id }, select: { id: true } }) : null
    if (!studio) delete out.studio_id
  }
  return out
}

/** The person behind an e-mail the provider vouches for, created or brought up to date. */
export async function upsertSsoPerson(app: FastifyInstance, email: string, rawProfile: SsoProfile): Promise<Person> {
  const profile = await existingRefs(app, rawProfile)
  const departments = profile.departments
  const result = await app.db.$transaction(async (tx) => {
    // Two first log-ins of one new address at once must not create two persons.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sso:${email.toLowerCase()}`}))`
    const existing = await findPersonByEmail(tx, email)
    if (!existing) {
      const password = await hashPassword(randomToken(48), app.config.bcryptRounds)
      const created = await tx.person.create({
        data: {
          email: email.toLowerCase(), first_name: profile.first_name ?? '', last_name: profile.last_name ?? '', role: 'user', password,
          phone: profile.phone ?? null, country: profile.country ?? null, studio_id: profile.studio_id ?? null,
          ...(departments?.length ? { department_link__person_id: { create: departments.map((department_id) => ({ department_id })) } } : {}),
        },
      })
      return { person: created, event: 'person:new' }
    }
    const data: Record<string, unknown> = {}
    for (const key of SCALARS) {
      if (profile[key] !== undefined && profile[key] !== existing[key]) data[key] = profile[key]
    }
    let linksChanged = false
    if (departments) {
      const current = (await tx.departmentLink.findMany({ where: { person_id: existing.id }, select: { department_id: true } })).map((l) => l.department_id)
      linksChanged = current.length !== departments.length || current.some((id) => !departments.includes(id))
      if (linksChanged) {
        await tx.departmentLink.deleteMany({ where: { person_id: existing.id } })
        if (departments.length) await tx.departmentLink.createMany({ data: departments.map((department_id) => ({ person_id: existing.id, department_id })) })
      }
    }
    if (!Object.keys(data).length) return { person: existing, event: linksChanged ? 'person:update' : null }
    return { person: await tx.person.update({ where: { id: existing.id }, data }), event: 'person:update' }
  })
  if (result.event) await app.events.emit(result.event, { person_id: result.person.id })
  return result.person
}

/** Zou's end of an SSO log-in: 302 to the app, with cookies and a login log when active. */
export async function finishSsoLogin(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, person: Person, skip2fa: boolean) {
  if (person.active) {
    const restricted = !skip2fa && needsTwoFactorSetup(app, person)
    setAuthCookies(req, reply, issueTokens(app, person.id, restricted))
    await app.db.loginLog.create({ data: { person_id: person.id, ip_address: clientIp(req).slice(0, 50), origin: 'web' } })
  }
  return reply.redirect(`${app.config.domainProtocol}://${app.config.domainName}`, 302)
}
