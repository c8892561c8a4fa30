// Person wire shapes (crud.md §11.1): the "safe" variant (every column but the secrets, plus
// full_name) and the "minimal" variant non-managers get.
import { modelMetaOf } from '../crud/meta.ts'
import { rowSerializer, type Row } from '../lib/serialize.ts'

/** Columns that never leave the server (models.md §3.1). */
export const PERSON_SECRETS: ReadonlySet<string> = new Set([
  'password', 'totp_secret', 'email_otp_secret', 'otp_recovery_codes', 'fido_credentials', 'jti',
  'login_failed_attemps', 'last_login_failed',
])

export const MINIMAL_PERSON_FIELDS = [
  'id', 'type', 'first_name', 'last_name', 'full_name', 'has_avatar', 'active', 'departments',
  'studio_id', 'role', 'desktop_login', 'is_bot',
] as const

const safe = rowSerializer(modelMetaOf('Person'), 'Person', PERSON_SECRETS)

export function fullName(row: { first_name?: unknown; last_name?: unknown }): string {
  return [row.first_name, row.last_name].filter((s) => typeof s === 'string' && s !== '').join(' ')
}

/** Safe variant; `departments` only when given (relations requested). */
export function serializePerson(row: Row, departments?: string[]): Row {
  const out = safe(row)
  out.full_name = fullName(row)
  if (departments) out.departments = departments
  return out
}

export function minimalPerson(safeRow: Row): Row {
  const out: Row = {}
  for (const key of MINIMAL_PERSON_FIELDS) out[key] = safeRow[key] ?? (key === 'departments' ? [] : null)
  return out
}
