// The `upload` table (Slate beyond Zou): one row per resumable upload, its progress and its
// outcome. Raw SQL on the pool: progress updates are frequent and tiny.
import type { Pool } from '../../db/client.ts'
import { formatDateTime, type Row } from '../../lib/serialize.ts'

export type TargetType = 'preview-file' | 'output-file' | 'working-file'
export type UploadStatus = 'uploading' | 'processing' | 'active' | 'failed'

export interface UploadRow {
  id: string
  person_id: string
  target_type: TargetType
  target_id: string
  filename: string
  size: number
  offset: number
  status: UploadStatus
  sha256: string | null
  error: string | null
  created_at: Date
  updated_at: Date
}

export interface NewUpload {
  id: string
  personId: string
  targetType: TargetType
  targetId: string
  filename: string
  size: number
}

const COLUMNS = `id, person_id, target_type, target_id, filename, size::float8 AS size, "offset"::float8 AS "offset",
  status, sha256, error, created_at, updated_at`

export async function insertUpload(pool: Pool, u: NewUpload): Promise<void> {
  await pool.query(
    `INSERT INTO upload (id, person_id, target_type, target_id, filename, size) VALUES ($1, $2, $3, $4, $5, $6)`,
    [u.id, u.personId, u.targetType, u.targetId, u.filename, u.size],
  )
}

export async function findUpload(pool: Pool, id: string): Promise<UploadRow | null> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM upload WHERE id = $1::uuid`, [id])
  return rows[0] ?? null
}

export async function deleteUpload(pool: Pool, id: string): Promise<void> {
  await pool.query('DELETE FROM upload WHERE id = $1::uuid', [id])
}

/** Progress only moves forward, and only while bytes are still coming. */
export async function recordOffset(pool: Pool, id: string, offset: number): Promise<void> {
  await pool.query(
    `UPDATE upload SET "offset" = $2, updated_at = now() WHERE id = $1::uuid AND status = 'uploading' AND "offset" < $2`,
    [id, offset],
  )
}

/** uploading → processing; false when another request got there first. */
export async function startProcessing(pool: Pool, id: string, size: number): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE upload SET status = 'processing', "offset" = $2, updated_at = now() WHERE id = $1::uuid AND status = 'uploading'`,
    [id, size],
  )
  return rowCount === 1
}

export async function markActive(pool: Pool, id: string, sha256: string): Promise<void> {
  await pool.query(`UPDATE upload SET status = 'active', sha256 = $2, error = NULL, updated_at = now() WHERE id = $1::uuid`, [id, sha256])
}

export async function markFailed(pool: Pool, id: string, error: string, sha256: string | null = null): Promise<void> {
  await pool.query(
    `UPDATE upload SET status = 'failed', error = $2, sha256 = coalesce($3, sha256), updated_at = now() WHERE id = $1::uuid`,
    [id, error, sha256],
  )
}

/** The wire form: Zou's date format and a `type`, like every other record. */
export function serializeUpload(u: UploadRow): Row {
  return {
    id: u.id,
    type: 'Upload',
    person_id: u.person_id,
    target_type: u.target_type,
    target_id: u.target_id,
    filename: u.filename,
    size: Number(u.size),
    offset: Number(u.offset),
    status: u.status,
    sha256: u.sha256 ? u.sha256.trim() : null,
    error: u.error,
    created_at: formatDateTime(u.created_at),
    updated_at: formatDateTime(u.updated_at),
  }
}
