// What the user blueprint's services share (routes.md §23): the "open project" condition,
// the caller's assignment condition, a statement runner, id checks, and Zou's full entity
// name ("Episode / Sequence / Shot", "Asset type / Asset") as SQL.
import type { Ctx } from '../crud/context.ts'
import { raw, sql, type Sql } from '../crud/select.ts'
import { notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'

/** Zou: an open project is one whose status is the `Open` status. */
export const openProject = (projectAlias: string): Sql =>
  raw(`${projectAlias}.project_status_id IN (SELECT ps.id FROM project_status ps WHERE ps.name = 'Open')`)

/** The task (alias) is assigned to the caller. */
export const assignedToCaller = (ctx: Ctx, taskAlias: string): Sql =>
  sql`EXISTS (SELECT 1 FROM task_person_link al WHERE al.task_id = ${raw(taskAlias)}.id AND al.person_id = ${ctx.actor.id}::uuid)`

export async function rows(ctx: Ctx, q: Sql): Promise<Row[]> {
  return (await ctx.pool.query(q.text, q.values)).rows
}

/** Zou's answer to a malformed id reaching SQL (WrongIdFormatException). */
export function checkId(value: unknown): string {
  if (!isUuid(value)) throw wrongParameter('One of the ID sent in parameter is not properly formatted.')
  return value
}

/** A project that must exist (404 for an unknown or malformed id, as Zou's get_project). */
export async function requireProject(ctx: Ctx, projectId: string): Promise<void> {
  if (!isUuid(projectId)) throw notFound()
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM project WHERE id = $1', [projectId])
  if (!rowCount) throw notFound()
}

/**
 * LEFT JOINs naming an entity the way Zou's get_full_entity_name does, for an entity id
 * expression: aliases fe (entity), fet (its type), fp (parent), fg (grandparent).
 */
export const fullNameJoins = (entityId: string): Sql => raw(`
  LEFT JOIN entity fe ON fe.id = ${entityId}
  LEFT JOIN entity_type fet ON fet.id = fe.entity_type_id
  LEFT JOIN entity fp ON fp.id = fe.parent_id
  LEFT JOIN entity fg ON fg.id = fp.parent_id`)

/** Shots: "[Episode / ]Sequence / Shot"; episodes: their name; sequences: "[Episode / ]Sequence";
 * anything else: "<entity type> / <name>". */
export const FULL_ENTITY_NAME = raw(`CASE
    WHEN fe.id IS NULL THEN ''
    WHEN fet.name = 'Shot' THEN concat_ws(' / ', fg.name, fp.name, fe.name)
    WHEN fet.name = 'Episode' THEN fe.name
    WHEN fet.name = 'Sequence' THEN concat_ws(' / ', fp.name, fe.name)
    ELSE fet.name || ' / ' || fe.name END`)

/** The episode of that name: a shot's grandparent, a sequence's parent, else the source_id. */
export const FULL_NAME_EPISODE_ID = raw(`CASE
    WHEN fet.name = 'Shot' THEN fg.id
    WHEN fet.name = 'Episode' THEN NULL
    WHEN fet.name = 'Sequence' THEN fe.parent_id
    ELSE fe.source_id END`)

export const emitOptions = (ctx: Ctx, projectId: string | null = null) => ({ projectId, userId: ctx.actor.id })
