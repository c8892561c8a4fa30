// Project-level shot and scene routes (routes.md §3): the project's shots or scenes,
// get-or-create of a shot or scene, and shot frame counts from the latest previews.
import type { Ctx } from '../crud/context.ts'
import { empty, raw, sql } from '../crud/select.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { jsonObjectSql, modelJsonFields } from './entities/json-sql.ts'
import { notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { requireManagerAccess, requireProjectAccess } from './access.ts'
import { loadEntity } from './entities/load.ts'
import { hasAssignedTask, maskedData } from './entities/vendor-scope.ts'
import { entityTypeId, serializeEntity, typeIdSql } from './entities/types.ts'
import { pyRound } from './quotas-math.ts'
import { limiter } from '../lib/limiter.ts'

/** Zou loads the project first: an unknown or malformed id is a 404. */
function projectIdArg(projectId: string): string {
  if (!isUuid(projectId)) throw notFound()
  return projectId.toLowerCase()
}

const entityJson = (data: string) => raw(jsonObjectSql(modelJsonFields(modelMetaOf('Entity'), 't', { data }).concat([['type', 'e_type', 'raw']])))
const ENTITY_TEXT = { plain: entityJson('t.data'), masked: entityJson('t.masked_data') }

/**
 * GET /data/projects/:id/shots|scenes: the JSON texts of the rows, written by the query —
 * every entity of the kind, by name; vendors get the assigned ones, metadata masked.
 */
export async function listProjectEntities(ctx: Ctx, rawProjectId: string, kind: 'Shot' | 'Scene'): Promise<string[]> {
  const projectId = projectIdArg(rawProjectId)
  const vendor = (await requireProjectAccess(ctx, projectId)) === 'vendor'
  // Sorted in the subquery, on the rows; the texts are written after.
  const q = sql`SELECT ${vendor ? ENTITY_TEXT.masked : ENTITY_TEXT.plain} AS row
    FROM (
      SELECT t.*, ${JSON.stringify(kind)}::text AS e_type ${vendor ? sql`, ${maskedData(raw('t'), kind, ctx.actor.departments)} AS masked_data` : empty}
      FROM entity t
      WHERE t.project_id = ${projectId}::uuid AND t.entity_type_id = ${typeIdSql(kind)}
        ${vendor ? sql`AND ${hasAssignedTask(ctx, sql`t.id`)}` : empty}
      ORDER BY t.name, t.id
    ) t`
  const { rows } = await projectLists(() => ctx.pool.query(q.text, q.values))
  return rows.map((r: Row) => r.row as string)
}

/** A production's shots are megabytes of JSON: two such lists in flight per process at most. */
const projectLists = limiter(2)

export interface NewEntity {
  name: string
  sequence_id?: string | null
  data?: Record<string, unknown> | null
  nb_frames?: number | null
  description?: string | null
}

/**
 * POST /data/projects/:id/shots|scenes: MPA, then get-or-create by (kind, sequence, project,
 * name). A new shot emits shot:new {shot_id, episode_id}, a new scene scene:new {scene_id}.
 */
export async function createProjectEntity(ctx: Ctx, rawProjectId: string, kind: 'Shot' | 'Scene', body: NewEntity): Promise<Row> {
  const projectId = projectIdArg(rawProjectId)
  await requireManagerAccess(ctx, projectId)
  let episodeId: string | null = null
  const sequenceId = body.sequence_id ? body.sequence_id.toLowerCase() : null
  if (sequenceId) {
    const sequence = await loadEntity(ctx, sequenceId, 'Sequence')
    if (sequence.project_id !== projectId) throw notFound()
    episodeId = sequence.parent_id
  }
  const typeId = await entityTypeId(ctx, kind)
  const values = kind === 'Shot'
    ? [body.data ?? {}, body.nb_frames ?? null, body.description ?? null]
    : [{}, null, null]
  const { rows } = await ctx.pool.query(
    `WITH found AS (
       SELECT * FROM entity WHERE entity_type_id = $1::uuid AND parent_id IS NOT DISTINCT FROM $2::uuid
         AND project_id = $3::uuid AND name = $4::text
       ORDER BY created_at, id LIMIT 1
     ), created AS (
       INSERT INTO entity (entity_type_id, parent_id, project_id, name, data, nb_frames, description, created_by)
       SELECT $1::uuid, $2::uuid, $3::uuid, $4::text, $5::jsonb, $6::int, $7::text, $8::uuid WHERE NOT EXISTS (SELECT 1 FROM found)
       ON CONFLICT DO NOTHING RETURNING *
     )
     SELECT *, true AS created FROM created UNION ALL SELECT *, false AS created FROM found`,
    [typeId, sequenceId, projectId, body.name, ...values, ctx.actor.id],
  )
  // A concurrent create won the unique constraint: answer its row.
  const row = rows[0] ?? (await ctx.pool.query(
    `SELECT *, false AS created FROM entity
     WHERE entity_type_id = $1::uuid AND parent_id IS NOT DISTINCT FROM $2::uuid AND project_id = $3::uuid AND name = $4::text`,
    [typeId, sequenceId, projectId, body.name],
  )).rows[0]
  if (row.created) {
    const opts = { projectId, userId: ctx.actor.id }
    if (kind === 'Shot') await ctx.events.emit('shot:new', { shot_id: row.id, episode_id: episodeId }, opts)
    else await ctx.events.emit('scene:new', { scene_id: row.id }, opts)
  }
  return serializeEntity(row, kind)
}

/**
 * POST /actions/projects/:id/task-types/:tt/set-shot-nb-frames: each shot of the project (and
 * episode) gets nb_frames = round(duration of the latest preview of its task of that type
 * × project fps). No events.
 */
export async function setShotFramesFromPreviews(ctx: Ctx, projectId: string, taskTypeId: string, episodeId: string | null): Promise<Row[]> {
  if (!isUuid(projectId) || !isUuid(taskTypeId)) throw wrongParameter('Invalid project or task type id')
  if (episodeId !== null && episodeId !== '' && !isUuid(episodeId)) throw wrongParameter('Invalid episode id')
  await requireManagerAccess(ctx, projectId)
  const episode = episodeId ? episodeId.toLowerCase() : null
  const { rows } = await ctx.pool.query(
    `SELECT DISTINCT ON (s.id) s.id, pf.duration, p.fps
     FROM entity s
     JOIN project p ON p.id = s.project_id
     JOIN task t ON t.entity_id = s.id AND t.task_type_id = $2
     JOIN preview_file pf ON pf.task_id = t.id
     ${episode ? 'JOIN entity sq ON sq.id = s.parent_id AND sq.parent_id = $3' : ''}
     WHERE s.project_id = $1 AND s.entity_type_id = (SELECT id FROM entity_type WHERE name = 'Shot')
     ORDER BY s.id, pf.created_at DESC NULLS LAST, pf.id`,
    episode ? [projectId, taskTypeId, episode] : [projectId, taskTypeId],
  )
  const updates = rows
    .filter((r: Row) => r.duration !== null)
    .map((r: Row) => ({ id: r.id as string, nb_frames: pyRound(Number(r.duration) * projectFps(r.fps)) }))
  if (updates.length) {
    await ctx.pool.query(
      `UPDATE entity e SET nb_frames = u.nb_frames FROM unnest($1::uuid[], $2::int[]) AS u(id, nb_frames) WHERE e.id = u.id`,
      [updates.map((u) => u.id), updates.map((u) => u.nb_frames)],
    )
  }
  return updates
}

/** Zou's project fps: the column as a number, 25 when unset (or unreadable). */
export function projectFps(fps: unknown): number {
  const n = Number.parseFloat(String(fps ?? ''))
  return Number.isFinite(n) && n > 0 ? n : 25
}
