// routes.md §25: a template's task types and task statuses — link rows with a priority (and,
// for statuses, the board roles). Adding an existing link updates it; reordering sets the
// priorities 1..n in one statement.
import type { Ctx } from '../crud/context.ts'
import { badRequest } from '../lib/errors.ts'
import { modelRowSerializer, type Row } from '../lib/serialize.ts'
import { bodyId, emitTemplateEvent, requireTargetAndTemplate, requireTemplate, templateId, templateNotFound, type Target } from './project-templates.ts'

export interface TaskLinkKind extends Target {
  model: string
  linkTable: string
  linkModel: string
  column: string
  /** The status links' roles_for_board. */
  roles: boolean
}

export const TASK_TYPES: TaskLinkKind = {
  table: 'task_type', label: 'Task type', model: 'TaskType',
  linkTable: 'project_template_task_type_link', linkModel: 'ProjectTemplateTaskTypeLink', column: 'task_type_id', roles: false,
}
export const TASK_STATUSES: TaskLinkKind = {
  table: 'task_status', label: 'Task status', model: 'TaskStatus',
  linkTable: 'project_template_task_status_link', linkModel: 'ProjectTemplateTaskStatusLink', column: 'task_status_id', roles: true,
}

const NOW = `(now() AT TIME ZONE 'UTC')`

/** The linked rows with the link's priority (and roles), by (priority or 0, name) as Zou sorts. */
export async function listTaskLinks(ctx: Ctx, kind: TaskLinkKind, template: string): Promise<Row[]> {
  const { rows } = await ctx.pool.query(
    `SELECT x.*, l.priority AS __priority ${kind.roles ? ', l.roles_for_board AS __roles' : ''}
     FROM project_template pt
     LEFT JOIN (${kind.linkTable} l JOIN ${kind.table} x ON x.id = l.${kind.column}) ON l.project_template_id = pt.id
     WHERE pt.id = $1::uuid
     ORDER BY COALESCE(l.priority, 0), x.name COLLATE "C"`,
    [templateId(template)],
  )
  if (!rows.length) throw templateNotFound()
  const serialize = modelRowSerializer(kind.model)
  return rows.filter((r) => r.id !== null).map((r) => {
    const out = serialize(r)
    out.priority = r.__priority
    if (kind.roles) out.roles_for_board = r.__roles ?? []
    return out
  })
}

export interface TaskLinkInput {
  priority?: number | null
  roles_for_board?: string[]
}

/** Creates the link or updates the given fields of the existing one; returns the link row. */
export async function addTaskLink(ctx: Ctx, kind: TaskLinkKind, template: string, targetId: unknown, input: TaskLinkInput): Promise<Row> {
  const id = bodyId(kind.column, targetId)
  const tid = await requireTargetAndTemplate(ctx, kind, id, template)
  const priority = input.priority ?? null
  // Zou: an empty role list means "not given" (the column default on create, unchanged on update).
  const roles = kind.roles && input.roles_for_board?.length ? input.roles_for_board : null
  const columns = ['project_template_id', kind.column, 'priority', ...(roles ? ['roles_for_board'] : [])]
  const values = ['$1::uuid', '$2::uuid', '$3::int', ...(roles ? ['$4::varchar[]'] : [])]
  const changes = [
    'priority = COALESCE(EXCLUDED.priority, l.priority)',
    ...(roles ? ['roles_for_board = EXCLUDED.roles_for_board'] : []),
    // Touched only when the body changes something (Zou updates the link only then).
    `updated_at = ${roles ? NOW : `CASE WHEN EXCLUDED.priority IS NULL THEN l.updated_at ELSE ${NOW} END`}`,
  ]
  const { rows } = await ctx.pool.query(
    `INSERT INTO ${kind.linkTable} AS l (${columns.join(', ')}) VALUES (${values.join(', ')})
     ON CONFLICT (project_template_id, ${kind.column}) DO UPDATE SET ${changes.join(', ')}
     RETURNING *`,
    [tid, id, priority, ...(roles ? [roles] : [])],
  )
  await emitTemplateEvent(ctx, tid)
  return modelRowSerializer(kind.linkModel)(rows[0])
}

export async function removeTaskLink(ctx: Ctx, kind: TaskLinkKind, template: string, targetId: string): Promise<void> {
  const tid = await requireTemplate(ctx, template)
  const id = bodyId(kind.column, targetId)
  await ctx.pool.query(`DELETE FROM ${kind.linkTable} WHERE project_template_id = $1::uuid AND ${kind.column} = $2::uuid`, [tid, id])
  await emitTemplateEvent(ctx, tid)
}

/**
 * Priorities 1..n from the order of the given ids, linking the missing ones (a repeated id
 * keeps its last position). Board roles are kept. Returns the links by priority.
 */
export async function reorderTaskLinks(ctx: Ctx, kind: TaskLinkKind, template: string, body: unknown): Promise<Row[]> {
  const key = `${kind.column}s`
  const list = body && typeof body === 'object' && !Array.isArray(body) ? (body as Row)[key] : undefined
  if (!Array.isArray(list)) throw badRequest(`Request body must be a JSON object with a '${key}' list.`)
  const ids = list.map((v) => bodyId(kind.column, v))
  if (ids.length) {
    const { rows: found } = await ctx.pool.query(`SELECT id FROM ${kind.table} WHERE id = ANY($1::uuid[])`, [ids])
    const known = new Set(found.map((r) => r.id))
    const missing = ids.find((id) => !known.has(id))
    if (missing) throw badRequest(`${kind.label} ${missing} does not exist`)
  }
  const tid = await requireTemplate(ctx, template)
  if (!ids.length) return []
  const { rows } = await ctx.pool.query(
    `INSERT INTO ${kind.linkTable} AS l (project_template_id, ${kind.column}, priority)
     SELECT $1::uuid, x.id, x.pos FROM (
       SELECT DISTINCT ON (u.id) u.id, u.pos::int AS pos FROM unnest($2::uuid[]) WITH ORDINALITY AS u(id, pos) ORDER BY u.id, u.pos DESC
     ) x
     ON CONFLICT (project_template_id, ${kind.column}) DO UPDATE SET priority = EXCLUDED.priority, updated_at = ${NOW}
     RETURNING *`,
    [tid, ids],
  )
  await emitTemplateEvent(ctx, tid)
  const serialize = modelRowSerializer(kind.linkModel)
  return rows.sort((a, b) => a.priority - b.priority).map(serialize)
}
