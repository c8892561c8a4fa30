// Rows the playlist tests share: playlists, previews (optionally with stored bytes), share links.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import bcrypt from 'bcrypt'

export async function makePlaylist(app: FastifyInstance, projectId: string, extra: Record<string, unknown> = {}) {
  const { rows } = await app.pool.query(
    `INSERT INTO playlist (name, project_id, for_client, created_by, shots, episode_id, is_for_all, task_type_id)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) RETURNING *`,
    [extra.name ?? `Review ${randomUUID().slice(0, 8)}`, projectId, extra.for_client ?? false, extra.created_by ?? null,
      JSON.stringify(extra.shots ?? []), extra.episode_id ?? null, extra.is_for_all ?? false, extra.task_type_id ?? null],
  )
  return rows[0] as { id: string; name: string; created_at: Date }
}

export async function makePreview(app: FastifyInstance, taskId: string, extra: Record<string, unknown> = {}) {
  const { rows } = await app.pool.query(
    `INSERT INTO preview_file (task_id, revision, position, extension, status, width, height, duration, created_at, annotations)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, now()), $10::jsonb) RETURNING *`,
    [taskId, extra.revision ?? 1, extra.position ?? 1, extra.extension ?? 'png', extra.status ?? 'ready',
      extra.width ?? 320, extra.height ?? 240, extra.duration ?? 0, extra.created_at ?? null, JSON.stringify(extra.annotations ?? [])],
  )
  return rows[0] as { id: string; revision: number }
}

export async function makeShareLink(app: FastifyInstance, playlistId: string, createdBy: string, extra: { password?: string; expired?: boolean; inactive?: boolean; can_comment?: boolean } = {}) {
  const token = randomUUID()
  await app.pool.query(
    `INSERT INTO playlist_share_link (token, playlist_id, created_by, expiration_date, is_active, can_comment, password)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [token, playlistId, createdBy, extra.expired ? new Date(Date.now() - 3600_000) : null, !extra.inactive,
      extra.can_comment ?? true, extra.password ? await bcrypt.hash(extra.password, 4) : null],
  )
  return token
}

export async function makeBuildJob(app: FastifyInstance, playlistId: string, status = 'succeeded') {
  const { rows } = await app.pool.query(
    `INSERT INTO build_job (playlist_id, status, job_type, ended_at) VALUES ($1, $2, 'movie', now()) RETURNING *`, [playlistId, status],
  )
  return rows[0] as { id: string; created_at: Date }
}
