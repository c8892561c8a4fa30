// Personal access tokens (beyond Zou): opaque `slt_…` tokens a person creates for scripts,
// with scopes (`read`, `write`), optionally limited to projects, with an expiry. Only their
// SHA-256 is stored; the token is shown once, at creation.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { forbidden, unauthorized, wrongParameter, notFound } from '../lib/errors.ts'
import { formatDateTime, isUuid, parseDateTimeInput, type Row } from '../lib/serialize.ts'
import type { Claims } from './tokens.ts'

export const TOKEN_PREFIX = 'slt_'
export const SCOPES = ['read', 'write'] as const

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export interface AccessTokenGrant {
  personId: string
  scopes: string[]
  /** Empty: every project the person may reach. */
  projectIds: string[]
  claims: Claims
}

/**
 * The grant of a presented token: unknown, deleted or expired tokens are a 401. Marks it
 * used (at most once a minute, so reads stay reads).
 */
export async function checkAccessToken(app: FastifyInstance, token: string): Promise<AccessTokenGrant> {
  const { rows } = await app.pool.query(
    `UPDATE personal_access_token SET last_used_at = CASE
       WHEN last_used_at IS NULL OR last_used_at < now() - interval '1 minute' THEN now() ELSE last_used_at END
     WHERE token_hash = $1
     RETURNING id::text, person_id::text, scopes, project_ids::text[] AS project_ids, expires_at IS NOT NULL AND expires_at < now() AS expired`,
    [hashToken(token)],
  )
  const row = rows[0]
  if (!row) throw unauthorized()
  if (row.expired) throw unauthorized()
  const now = Math.floor(Date.now() / 1000)
  return {
    personId: row.person_id,
    scopes: row.scopes ?? [],
    projectIds: row.project_ids ?? [],
    claims: { fresh: false, iat: now, nbf: now, jti: row.id, type: 'access', sub: row.person_id, identity_type: 'person_api' },
  }
}

/** Refusals of the grant for this request: writes need the `write` scope. */
export function checkScope(grant: AccessTokenGrant, method: string): void {
  const write = !['GET', 'HEAD', 'OPTIONS'].includes(method)
  if (write && !grant.scopes.includes('write')) throw forbidden()
  if (!write && !grant.scopes.includes('read') && !grant.scopes.includes('write')) throw forbidden()
}

const serialize = (r: Row): Row => ({
  id: r.id, name: r.name, scopes: r.scopes ?? [], project_ids: r.project_ids ?? [],
  expires_at: formatDateTime(r.expires_at as Date | null), last_used_at: formatDateTime(r.last_used_at as Date | null),
  created_at: formatDateTime(r.created_at as Date | null),
})

const COLUMNS = `id::text, name, scopes, project_ids::text[] AS project_ids, expires_at, last_used_at, created_at`

export async function listAccessTokens(app: FastifyInstance, personId: string): Promise<Row[]> {
  const { rows } = await app.pool.query(
    `SELECT ${COLUMNS} FROM personal_access_token WHERE person_id = $1 ORDER BY created_at DESC, id`, [personId])
  return rows.map(serialize)
}

export interface NewAccessToken {
  name: string
  scopes: string[]
  project_ids?: string[]
  expires_at?: string | null
}

export async function createAccessToken(app: FastifyInstance, personId: string, body: NewAccessToken): Promise<Row> {
  const scopes = [...new Set(body.scopes)]
  if (!scopes.length || scopes.some((s) => !(SCOPES as readonly string[]).includes(s))) {
    throw wrongParameter('scopes must be a non-empty list of "read" and "write".')
  }
  const projectIds = [...new Set(body.project_ids ?? [])]
  if (projectIds.some((id) => !isUuid(id))) throw wrongParameter('project_ids must be project ids.')
  let expires: Date | null = null
  if (body.expires_at) {
    expires = parseDateTimeInput(body.expires_at)
    if (!expires) throw wrongParameter('Wrong date format for expires_at. Expected format: 2020-01-05T13:23:10 or 2020-01-05')
    if (expires.getTime() <= Date.now()) throw wrongParameter("expires_at can't be in the past.")
  }
  if (projectIds.length) {
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM project WHERE id = ANY($1::uuid[])', [projectIds])
    if (rows[0].n !== projectIds.length) throw wrongParameter('project_ids must be project ids.')
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const { rows } = await app.pool.query(
    `INSERT INTO personal_access_token (id, person_id, name, token_hash, scopes, project_ids, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7) RETURNING ${COLUMNS}`,
    [randomUUID(), personId, body.name, hashToken(token), scopes, projectIds, expires],
  )
  return { ...serialize(rows[0]), token }
}

export async function deleteAccessToken(app: FastifyInstance, personId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound()
  const { rowCount } = await app.pool.query('DELETE FROM personal_access_token WHERE id = $1 AND person_id = $2', [id, personId])
  if (!rowCount) throw notFound()
}
