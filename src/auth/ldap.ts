// LDAP (auth.md §7.2, §11.3) with ldapts: the `auth_remote_ldap` password check, and the
// connection the `slate sync-ldap` import shares with it.
import { Client, DN, InvalidCredentialsError, InvalidDNSyntaxError, NoSuchObjectError } from 'ldapts'
import type { FastifyInstance } from 'fastify'
import type { LdapConfig } from '../config.ts'
import type { Person } from '../generated/prisma/client.ts'
import { AppError } from '../lib/errors.ts'
import { checkPassword } from './password.ts'

/** The directory could not be used: unreachable, or an error other than bad credentials. */
export class LdapError extends Error {}

const TIMEOUT_MS = 10_000

export const ldapUrl = (ldap: LdapConfig) => `${ldap.ssl ? 'ldaps' : 'ldap'}://${ldap.host}:${ldap.port}`

/** A client for one short conversation, always unbound after `run`; its failures → LdapError. */
export async function withLdap<T>(ldap: LdapConfig, run: (client: Client) => Promise<T>): Promise<T> {
  // Not strict: AD's `DOMAIN\login` bind names are not DNs.
  const client = new Client({ url: ldapUrl(ldap), timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS, strictDN: false })
  try {
    return await run(client)
  } catch (err) {
    if (err instanceof LdapError) throw err
    const e = err as NodeJS.ErrnoException
    throw new LdapError(typeof e.code === 'string'
      ? `cannot reach the LDAP server at ${ldapUrl(ldap)} (${e.code})`
      : `the LDAP server at ${ldapUrl(ldap)} failed: ${e.message || e.name}`)
  } finally {
    await client.unbind().catch(() => {})
  }
}

/**
 * The name a person binds with (Zou): `cn=<login>,<base>` for AD simple binds,
 * `<DOMAIN>\<login>` for AD, `uid=<login>,<base>` otherwise. The login is escaped as a DN value.
 */
export function bindName(ldap: LdapConfig, login: string): string {
  if (ldap.isAdSimple) return `${new DN({ cn: login }).toString()},${ldap.baseDn}`
  // Slate: a simple bind with the down-level name (AD accepts it; Zou uses NTLM). Use LDAP_SSL.
  if (ldap.isAd) return `${ldap.domain}\\${login}`
  return `${new DN({ uid: login }).toString()},${ldap.baseDn}`
}

/** True when the directory accepts this password for this login. */
export async function ldapBind(ldap: LdapConfig, login: string, password: string): Promise<boolean> {
  // An empty password is an unauthenticated bind, which servers accept: never a log-in.
  if (!login || !password) return false
  return withLdap(ldap, async (client) => {
    try {
      await client.bind(bindName(ldap, login), password)
      return true
    } catch (err) {
      // Some servers say "no such entry" (or "bad DN") for unknown logins instead of 49.
      if (err instanceof InvalidCredentialsError || err instanceof NoSuchObjectError || err instanceof InvalidDNSyntaxError) return false
      throw err
    }
  })
}

export type StrategyResult = 'ok' | 'wrong' | 'refused'

/**
 * auth_remote_ldap: persons imported from LDAP bind with their desktop login; the others use
 * their local password when LDAP_FALLBACK is on, else they are refused (not a failed attempt).
 * An unreachable server answers 503 with a message that names no host and no secret.
 */
export async function checkLdapStrategy(app: FastifyInstance, person: Person, password: string): Promise<StrategyResult> {
  const { ldap, bcryptRounds } = app.config
  if (!person.is_generated_from_ldap) {
    if (!ldap.fallback) return 'refused'
    return (await checkPassword(password, person.password, bcryptRounds)) ? 'ok' : 'wrong'
  }
  try {
    return (await ldapBind(ldap, person.desktop_login ?? '', password)) ? 'ok' : 'wrong'
  } catch (err) {
    app.log.error({ err: { message: (err as Error).message } }, 'LDAP log-in failed')
    // Slate: Zou answers 500; 503 says the same thing (the server's side, try later) clearly.
    throw new AppError(503, { error: true, login: false, message: 'The LDAP server is unreachable. Please contact your administrator.' })
  }
}
