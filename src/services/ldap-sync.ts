// `slate sync-ldap` (auth.md §11.3, Zou's sync_with_ldap_server): reads the directory's
// persons (optionally the members of LDAP_GROUP, minus LDAP_EXCLUDED_ACCOUNTS), matches them
// to persons by ldap_uid, then desktop login, then e-mails, updates or creates them as
// LDAP persons, and deactivates the LDAP persons no longer found. USER_LIMIT holds.
// Rows are written one by one: like Zou, a row that fails is reported and the sync goes on.
import type { Config } from '../config.ts'
import type { Db } from '../db/client.ts'
import type { EventBus } from '../events/bus.ts'
import { databaseError } from '../plugins/errors.ts'
import { readLdapUsers, type LdapUser } from './ldap-directory.ts'
import { activeUserCount } from './user-limit.ts'

export interface LdapSyncDeps {
  db: Db
  config: Config
  events: Pick<EventBus, 'emitMany'>
  /** One line per person created, updated, disabled or failed (Zou prints the same). */
  print: (line: string) => void
}

export interface LdapSyncReport {
  created: number
  updated: number
  disabled: number
  failed: number
}

const SYNCED = ['email', 'first_name', 'last_name', 'desktop_login', 'active', 'ldap_uid'] as const

const PERSON_FIELDS = {
  id: true, email: true, first_name: true, last_name: true, desktop_login: true, active: true, ldap_uid: true, is_generated_from_ldap: true,
} as const

interface Known {
  id: string
  email: string | null
  first_name: string
  last_name: string
  desktop_login: string | null
  active: boolean | null
  ldap_uid: string | null
  is_generated_from_ldap: boolean | null
}

export async function syncLdap(deps: LdapSyncDeps): Promise<LdapSyncReport> {
  return applyLdapUsers(deps, await readLdapUsers(deps.config.ldap))
}

export async function applyLdapUsers(deps: LdapSyncDeps, users: LdapUser[]): Promise<LdapSyncReport> {
  const { db, config, print } = deps
  const report: LdapSyncReport = { created: 0, updated: 0, disabled: 0, failed: 0 }
  const events: Array<{ name: string; data: Record<string, unknown> }> = []
  const changed = (name: string, id: string) => events.push({ name, data: { person_id: id } })

  // Every non-bot person in one query, indexed the three ways a directory entry can match.
  const persons: Known[] = await db.person.findMany({ where: { is_bot: false }, select: PERSON_FIELDS })
  const byUid = new Map(persons.filter((p) => p.ldap_uid).map((p) => [p.ldap_uid!, p]))
  const byLogin = new Map<string, Known>()
  const byEmail = new Map<string, Known>()
  for (const p of [...persons].reverse()) {
    if (p.desktop_login) byLogin.set(p.desktop_login, p)
    if (p.email) byEmail.set(p.email.toLowerCase(), p)
  }

  // Zou: inactive entries first, so an active entry matching the same person wins.
  const matched = new Map<string, { person: Known; user: LdapUser }>()
  const toCreate: LdapUser[] = []
  for (const user of [...users].sort((a, b) => Number(a.active) - Number(b.active))) {
    const person = (user.ldap_uid ? byUid.get(user.ldap_uid) : undefined)
      ?? byLogin.get(user.desktop_login)
      ?? user.emails.map((e) => byEmail.get(e.toLowerCase())).find(Boolean)
    if (person) matched.set(person.id, { person, user })
    else toCreate.push(user)
  }

  const gone = await db.person.findMany({
    where: { is_generated_from_ldap: true, active: true, is_bot: false, id: { notIn: [...matched.keys()] } },
    select: { id: true, desktop_login: true },
  })
  if (gone.length) {
    // Zou: protected accounts are not spared; the directory decides.
    await db.person.updateMany({ where: { id: { in: gone.map((p) => p.id) } }, data: { active: false } })
    for (const p of gone) {
      print(`User ${p.desktop_login} disabled (not found in LDAP).`)
      changed('person:update', p.id)
    }
    report.disabled = gone.length
  }

  let active = await activeUserCount(db)
  const limitFailure = (user: LdapUser, what: string) => {
    print(`User ${user.desktop_login} ${what} failed (limit reached, limit ${config.userLimit}).`)
    report.failed++
  }
  const failure = (user: LdapUser, what: string, err: unknown) => {
    const reason = (databaseError(err)?.body.message as string | undefined) ?? (err as Error).message
    print(`User ${user.desktop_login} ${what} failed (${reason}).`)
    report.failed++
  }

  for (const { person, user } of matched.values()) {
    const activating = !person.active && user.active
    if (activating && active >= config.userLimit) {
      limitFailure(user, 'update')
      continue
    }
    if (SYNCED.every((k) => person[k] === user[k]) && person.is_generated_from_ldap) continue
    const clash = byEmail.get(user.email)
    if (clash && clash.id !== person.id) {
      print(`User ${user.desktop_login} update failed (e-mail ${user.email} belongs to another person).`)
      report.failed++
      continue
    }
    try {
      await db.person.update({
        where: { id: person.id },
        data: {
          email: user.email, first_name: user.first_name, last_name: user.last_name, active: user.active,
          desktop_login: user.desktop_login, ldap_uid: user.ldap_uid, is_generated_from_ldap: true,
        },
      })
    } catch (err) {
      failure(user, 'update', err)
      continue
    }
    if (activating) active++
    else if (person.active && !user.active) active--
    print(`User ${user.desktop_login} updated.`)
    changed('person:update', person.id)
    report.updated++
  }

  for (const user of toCreate.filter((u) => u.active)) {
    if (active >= config.userLimit) {
      limitFailure(user, 'creation')
      continue
    }
    try {
      const person = await db.person.create({
        data: {
          email: user.email, first_name: user.first_name, last_name: user.last_name, role: 'user',
          desktop_login: user.desktop_login, ldap_uid: user.ldap_uid, is_generated_from_ldap: true,
          // Zou: the literal bytes `default`, which no password check ever matches.
          password: new TextEncoder().encode('default') as Uint8Array<ArrayBuffer>,
        },
      })
      byEmail.set(user.email, person)
      active++
      print(`User ${user.desktop_login} created.`)
      changed('person:new', person.id)
      report.created++
    } catch (err) {
      failure(user, 'creation', err)
    }
  }

  await deps.events.emitMany(events)
  return report
}
