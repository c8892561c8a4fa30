// Reading the directory for `slate sync-ldap` (Zou's _ldap_fetch_users / _ldap_search_users):
// bind with LDAP_USER, list the person entries (AD: not computers; with LDAP_GROUP, only its
// members), and turn each into the fields a person gets.
import { InvalidCredentialsError, escapeFilter, type Client, type Entry } from 'ldapts'
import type { LdapConfig } from '../config.ts'
import { LdapError, withLdap } from '../auth/ldap.ts'

export interface LdapUser {
  first_name: string
  last_name: string
  /** The first of `emails`, lower-cased. */
  email: string
  emails: string[]
  desktop_login: string
  active: boolean
  ldap_uid: string | null
}

const NAME_MAX = 80

/** The sync account's bind name (Zou): as given for AD simple binds or a full DN, else built. */
function syncBindName(ldap: LdapConfig): string {
  if (ldap.isAdSimple || ldap.user.includes('=')) return ldap.user
  if (ldap.isAd) return `${ldap.domain}\\${ldap.user}`
  return `uid=${ldap.user},${ldap.baseDn}`
}

export async function readLdapUsers(ldap: LdapConfig): Promise<LdapUser[]> {
  return withLdap(ldap, async (client) => {
    if (ldap.user) {
      try {
        await client.bind(syncBindName(ldap), ldap.password)
      } catch (err) {
        if (err instanceof InvalidCredentialsError) throw new LdapError(`the LDAP server refused the bind as ${syncBindName(ldap)} (invalid credentials)`)
        throw err
      }
    }
    return searchUsers(ldap, client)
  })
}

/** Attribute values as strings, whatever the case the server gave the attribute name in. */
function values(entry: Entry, name: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase())
  const raw = key ? entry[key] : []
  return (Array.isArray(raw) ? raw : [raw]).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v))).filter((v) => v !== '')
}

const first = (entry: Entry, name: string) => values(entry, name)[0] ?? ''

/** AD's objectGUID as ldap3 prints it (Zou stores that): `{…}`, the first three groups little-endian. */
export function formatObjectGuid(raw: Buffer): string {
  if (raw.length !== 16) return raw.toString('hex')
  const hex = (b: Buffer) => b.toString('hex')
  const le = (start: number, end: number) => hex(Buffer.from(raw.subarray(start, end)).reverse())
  return `{${le(0, 4)}-${le(4, 6)}-${le(6, 8)}-${hex(raw.subarray(8, 10))}-${hex(raw.subarray(10, 16))}}`
}

/** Normalised DN for comparisons: lower case, no spaces around separators. */
const normDn = (dn: string) => dn.toLowerCase().replace(/\s*([,=+])\s*/g, '$1')

async function searchUsers(ldap: LdapConfig, client: Client): Promise<LdapUser[]> {
  const isAd = ldap.isAd || ldap.isAdSimple
  const attributes = ['givenName', 'sn', 'mail', 'cn', ...(isAd ? ['sAMAccountName', 'userAccountControl', 'objectGUID'] : ['uid', 'uniqueIdentifier', 'organizationalStatus'])]
  let filter = isAd ? '(&(objectClass=person)(!(objectClass=computer)))' : '(objectClass=person)'
  let members: Set<string> | null = null
  if (ldap.group) {
    if (isAd) {
      filter = escapeFilter`(&(objectClass=person)(memberOf=${ldap.group}))`
    } else {
      const { searchEntries } = await client.search(ldap.baseDn, {
        scope: 'sub', filter: escapeFilter`(&(objectClass=groupOfUniqueNames)(cn=${ldap.group}))`, attributes: ['uniqueMember'],
      })
      if (!searchEntries.length) throw new LdapError(`LDAP group ${ldap.group} not found under ${ldap.baseDn}`)
      members = new Set(values(searchEntries[0], 'uniqueMember').map(normDn))
    }
  }
  const { searchEntries } = await client.search(ldap.baseDn, {
    scope: 'sub', filter, attributes, explicitBufferAttributes: isAd ? ['objectGUID'] : [], paged: isAd,
  })
  const users: LdapUser[] = []
  for (const entry of searchEntries) {
    const login = first(entry, ldap.isAdSimple ? 'cn' : ldap.isAd ? 'sAMAccountName' : 'uid')
    if (!login || ldap.excludedAccounts.includes(login)) continue
    if (members && !members.has(normDn(entry.dn))) continue
    users.push(toUser(ldap, entry, login, isAd))
  }
  return users
}

function toUser(ldap: LdapConfig, entry: Entry, login: string, isAd: boolean): LdapUser {
  let uid: string | null
  if (isAd) {
    const guid = entry[Object.keys(entry).find((k) => k.toLowerCase() === 'objectguid') ?? '']
    const raw = Array.isArray(guid) ? guid[0] : guid
    uid = Buffer.isBuffer(raw) ? formatObjectGuid(raw) : null
  } else {
    uid = first(entry, 'uniqueIdentifier') || null
  }
  // Zou's order: an address equal to the login, then those of EMAIL_DOMAIN, then the others.
  const rank = (mail: string) => (mail === login ? -2 : mail.includes(ldap.emailDomain) ? -1 : 0)
  const mails = values(entry, 'mail').sort((a, b) => rank(a) - rank(b))
  const emails = mails.length ? mails : [`${login}@${ldap.emailDomain}`]
  const status = first(entry, 'organizationalStatus')
  const active = isAd
    ? (Number(first(entry, 'userAccountControl')) & 2) === 0
    // Slate: Zou counts an entry without organizationalStatus as inactive (then nobody of a
    // plain OpenLDAP is ever imported); here only a status other than "active" deactivates.
    : !status || status.toLowerCase() === 'active'
  return {
    first_name: (first(entry, 'givenName') || first(entry, 'cn')).slice(0, NAME_MAX),
    last_name: first(entry, 'sn').slice(0, NAME_MAX),
    email: emails[0].toLowerCase(),
    emails,
    desktop_login: login.slice(0, NAME_MAX),
    active,
    ldap_uid: uid ? uid.slice(0, 60) : null,
  }
}
