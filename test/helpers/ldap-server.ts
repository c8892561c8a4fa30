// A real LDAP server (ldapjs's) on a loopback port with a small directory: persons with
// passwords (simple binds), a service account allowed to search, and groupOfUniqueNames
// groups. Tests change `entries` between runs to make the directory evolve.
import ldap from 'ldapjs'
import { DN } from 'ldapts'

export const BASE_DN = 'ou=people,dc=studio,dc=local'
export const ADMIN_DN = 'cn=admin,dc=studio,dc=local'
export const ADMIN_PASSWORD = 'ldap-admin-secret-91c3'

export interface LdapEntry {
  dn: string
  attributes: Record<string, string | string[]>
  /** The bind password of a person entry. */
  password?: string
}

export interface TestLdap {
  port: number
  entries: LdapEntry[]
  /** Bind names the server received (DNs as sent), to check what the client sent. */
  binds: string[]
  close: () => Promise<void>
}

const norm = (dn: string) => dn.toLowerCase().replace(/\s*([,=+])\s*/g, '$1')

/** A person entry under BASE_DN (OpenLDAP style: uid, uniqueIdentifier, organizationalStatus). */
export function person(uid: string, attrs: Record<string, string | string[]>, password?: string): LdapEntry {
  return { dn: `${new DN({ uid }).toString()},${BASE_DN}`, attributes: { objectClass: ['top', 'person', 'inetOrgPerson'], uid, ...attrs }, password }
}

export async function startLdap(entries: LdapEntry[] = []): Promise<TestLdap> {
  const server = ldap.createServer()
  const state: TestLdap = { port: 0, entries, binds: [], close: async () => {} }

  server.bind('dc=studio,dc=local', (req: any, res: any, next: any) => {
    const dn = req.dn.toString()
    state.binds.push(dn)
    const password = norm(dn) === norm(ADMIN_DN) ? ADMIN_PASSWORD : state.entries.find((e) => norm(e.dn) === norm(dn))?.password
    if (!password || req.credentials !== password) return next(new ldap.InvalidCredentialsError())
    res.end()
    return next()
  })

  server.search('dc=studio,dc=local', (req: any, res: any, next: any) => {
    if (norm(req.connection.ldap.bindDN.toString()) !== norm(ADMIN_DN)) return next(new ldap.InsufficientAccessRightsError())
    const base = norm(req.dn.toString())
    // ldapjs's own attribute selection is case-sensitive (drops givenName…): select here.
    const wanted = new Set((req.attributes as string[]).map((a) => a.toLowerCase()))
    const all = !wanted.size || wanted.has('*')
    res.attributes = ['*']
    for (const entry of state.entries) {
      if (!norm(entry.dn).endsWith(base) || !req.filter.matches(entry.attributes, false)) continue
      const attributes = Object.fromEntries(Object.entries(entry.attributes).filter(([k]) => all || wanted.has(k.toLowerCase())))
      res.send({ dn: entry.dn, attributes: structuredClone(attributes) }, true)
    }
    res.end()
    return next()
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  state.port = server.port
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return state
}
