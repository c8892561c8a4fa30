// routes.md §7.1: the project ↔ task type / task status link rows (create or update with a
// priority, reorder) and the global task type order. Each write is one SQL statement.
import type { Ctx } from '../crud/context.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { selectList } from '../crud/select.ts'
import { wrongParameter } from '../lib/errors.ts'
import { rowSerializer, type Row } from '../lib/serialize.ts'
import type { Role } from '../plugins/auth.ts'
import { requireAdmin, requireManagerAccess } from './access.ts'
import { crudModel, emitProjectUpdate, requireUuid } from './projects-shared.ts'

const taskTypeLink = rowSerializer(modelMetaOf('ProjectTaskTypeLink'), 'ProjectTaskTypeLink')
const taskStatusLink = rowSerializer(modelMetaOf('ProjectTaskStatusLink'), 'ProjectTaskStatusLink')
const TASK_TYPE_MODEL = crudModel('task-types')

const ROLES: ReadonlySet<string> = new Set<Role>(['admin', 'manager', 'supervisor', 'user', 'client', 'vendor'])

/** Zou's argument reader: query string first, then the JSON object body. */
export type Args = Record<string, unknown>

function requiredArg(args: Args, name: string): string {
  const value = args[name]
  if (value === undefined || value === null || value === '') throw wrongParameter(`Missing required parameter: ${name}`)
  return String(value)
}

function priorityArg(args: Args): number {
  const value = args.priority
  if (value === undefined || value === null || value === '') return 1
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN
  if (!Number.isInteger(n) || Math.abs(n) > 2147483647) throw wrongParameter('Wrong value for parameter priority.')
  return n
}

function rolesArg(args: Args): string[] {
  const value = args.roles_for_board
  if (value === undefined || value === null) return []
  const roles = Array.isArray(value) ? value : [value]
  if (!roles.every((r) => typeof r === 'string' && ROLES.has(r))) throw wrongParameter('Wrong value for parameter roles_for_board.')
  return roles as string[]
}

/** POST /data/task-type-links: creates the link or sets its priority (default 1). */
export async function upsertTaskTypeLink(ctx: Ctx, args: Args): Promise<Row> {
  const projectId = requiredArg(args, 'project_id').toLowerCase()
  const rawTypeId = requiredArg(args, 'task_type_id')
  const priority = priorityArg(args)
  await requireManagerAccess(ctx, projectId)
  const taskTypeId = requireUuid(rawTypeId, 'task_type_id is required and must be a valid UUID')
  const { rows } = await ctx.pool.query(
    `INSERT INTO project_task_type_link AS l (project_id, task_type_id, priority)
     SELECT $1::uuid, tt.id, $3 FROM task_type tt WHERE tt.id = $2::uuid
     ON CONFLICT (project_id, task_type_id) DO UPDATE SET priority = EXCLUDED.priority, updated_at = now()
     RETURNING l.*`,
    [projectId, taskTypeId, priority],
  )
  if (!rows.length) throw wrongParameter(`TaskType with id ${rawTypeId} not found`)
  await emitProjectUpdate(ctx, rows[0].project_id)
  return taskTypeLink(rows[0])
}

/** POST /data/task-status-links: creates the link or overwrites its priority and board roles. */
export async function upsertTaskStatusLink(ctx: Ctx, args: Args): Promise<Row> {
  const projectId = requiredArg(args, 'project_id').toLowerCase()
  const rawStatusId = requiredArg(args, 'task_status_id')
  const priority = priorityArg(args)
  const roles = rolesArg(args)
  await requireManagerAccess(ctx, projectId)
  const statusId = requireUuid(rawStatusId, 'task_status_id is required and must be a valid UUID')
  const { rows } = await ctx.pool.query(
    `INSERT INTO project_task_status_link AS l (project_id, task_status_id, priority, roles_for_board)
     SELECT $1::uuid, s.id, $3, $4::varchar[] FROM task_status s WHERE s.id = $2::uuid
     ON CONFLICT (project_id, task_status_id)
       DO UPDATE SET priority = EXCLUDED.priority, roles_for_board = EXCLUDED.roles_for_board, updated_at = now()
     RETURNING l.*`,
    [projectId, statusId, priority, roles],
  )
  if (!rows.length) throw wrongParameter(`TaskStatus with id ${rawStatusId} not found`)
  await emitProjectUpdate(ctx, rows[0].project_id)
  return taskStatusLink(rows[0])
}

/** The `{"<key>": [ids]}` body of the reorder routes; ids must be UUIDs. */
export function idListBody(body: unknown, key: string): string[] {
  const list = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined
  if (!Array.isArray(list)) throw wrongParameter(`Request body must be a JSON object with a '${key}' list.`)
  return list.map((id) => requireUuid(id))
}

/**
 * `(id, priority)` pairs: priority = 1-based position in the list (unknown ids keep their
 * place in the numbering); a repeated id takes its last position, as Zou's loop leaves it.
 */
const ordered = (param: string) => `(SELECT DISTINCT ON (o.id) o.id, o.n::int AS priority
  FROM unnest(${param}::uuid[]) WITH ORDINALITY AS o(id, n) ORDER BY o.id, o.n DESC)`

const LINKS = {
  'task-type': { table: 'project_task_type_link', column: 'task_type_id', serialize: taskTypeLink },
  'task-status': { table: 'project_task_status_link', column: 'task_status_id', serialize: taskStatusLink },
} as const

/** POST /actions/projects/:project_id/<kind>-links/reorder: priorities of existing links only. */
export async function reorderLinks(ctx: Ctx, projectId: string, kind: keyof typeof LINKS, body: unknown): Promise<Row[]> {
  await requireManagerAccess(ctx, projectId)
  const link = LINKS[kind]
  const ids = idListBody(body, `${kind.replace('-', '_')}_ids`)
  const { rows } = await ctx.pool.query(
    `UPDATE ${link.table} l SET priority = o.priority, updated_at = now() FROM ${ordered('$2')} o
     WHERE l.project_id = $1 AND l.${link.column} = o.id
     RETURNING l.*`,
    [projectId, ids],
  )
  await emitProjectUpdate(ctx, projectId)
  return rows.sort((a, b) => a.priority - b.priority).map((row) => link.serialize(row))
}

/** POST /actions/task-types/reorder (admin): the global task type priorities. No event (Zou). */
export async function reorderTaskTypes(ctx: Ctx, body: unknown): Promise<Row[]> {
  requireAdmin(ctx)
  const ids = idListBody(body, 'task_type_ids')
  const { rows } = await ctx.pool.query(
    `UPDATE task_type t SET priority = o.priority, updated_at = now() FROM ${ordered('$1')} o
     WHERE t.id = o.id
     RETURNING ${selectList(TASK_TYPE_MODEL, false).text}`,
    [ids],
  )
  return rows.sort((a, b) => a.priority - b.priority).map((row) => TASK_TYPE_MODEL.serializer(row))
}
