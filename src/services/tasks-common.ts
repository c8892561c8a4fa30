// Shared pieces of the tasks blueprint services (routes.md §4): loading a task with every
// fact its permission checks need (one query), the TA/TAA rules on those facts, argument
// parsing with Zou's messages, and the task serializers.
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, modelRowSerializer, parseDateInput, parseDateTimeInput, type Row } from '../lib/serialize.ts'
import { supervisesDepartment } from '../crud/row-rules.ts'
import type { Ctx } from '../crud/context.ts'
import type { Role } from '../plugins/auth.ts'

export const serializeTask = modelRowSerializer('Task')

/** A task row (every column) plus what the permission rules of §1.6 need. */
export interface TaskFacts extends Row {
  id: string
  project_id: string
  entity_id: string
  task_type_id: string
  task_status_id: string
  department_id: string | null
  assignees: string[]
  entity_creator: string | null
  entity_type_name: string
  /** The caller has a task assigned on the task's entity (EA for vendors). */
  caller_on_entity: boolean
  is_bot_collaboration_enabled: boolean | null
}

const FACTS_SQL = `SELECT t.*, tt.department_id, e.created_by AS entity_creator, et.name AS entity_type_name,
    p.is_bot_collaboration_enabled,
    ARRAY(SELECT l.person_id::text FROM task_person_link l WHERE l.task_id = t.id) AS assignees,
    EXISTS (SELECT 1 FROM task o JOIN task_person_link ol ON ol.task_id = o.id
             WHERE o.entity_id = t.entity_id AND ol.person_id = $2::uuid) AS caller_on_entity
  FROM task t
  JOIN task_type tt ON tt.id = t.task_type_id
  JOIN entity e ON e.id = t.entity_id
  JOIN entity_type et ON et.id = e.entity_type_id
  JOIN project p ON p.id = t.project_id`

/** Facts of several tasks in one query (unknown and malformed ids are left out). */
export async function findTasks(ctx: Ctx, ids: readonly unknown[]): Promise<Map<string, TaskFacts>> {
  const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))]
  if (!valid.length) return new Map()
  const { rows } = await ctx.pool.query(`${FACTS_SQL} WHERE t.id = ANY($1::uuid[])`, [valid, ctx.actor.id])
  return new Map(rows.map((r: TaskFacts) => [r.id, r]))
}

/** The task or 404 (Zou's task lookup answers 404 for malformed ids too). */
export async function loadTask(ctx: Ctx, id: unknown): Promise<TaskFacts> {
  if (!isUuid(id)) throw notFound()
  const { rows } = await ctx.pool.query(`${FACTS_SQL} WHERE t.id = $1::uuid`, [id, ctx.actor.id])
  if (!rows[0]) throw notFound()
  return rows[0]
}

/** The caller's effective role on the task's project, or null outside its team. */
export const taskProjectRole = (ctx: Ctx, task: TaskFacts): Promise<Role | null> => ctx.projectRole(task.project_id)

/** TA: PA on the task's project, then EA (vendors must be assigned on the entity). */
export async function canReadTask(ctx: Ctx, task: TaskFacts): Promise<Role | null> {
  const role = await taskProjectRole(ctx, task)
  if (!role) return null
  if (role === 'vendor' && !task.caller_on_entity) return null
  return role
}

export async function requireTaskRead(ctx: Ctx, task: TaskFacts): Promise<Role> {
  const role = await canReadTask(ctx, task)
  if (!role) throw forbidden()
  return role
}

/** TAA: task action access (managers, clients, assignees, department supervisors, entity creator). */
export async function hasTaskAction(ctx: Ctx, task: TaskFacts): Promise<boolean> {
  if (ctx.isAdmin) return true
  const role = await taskProjectRole(ctx, task)
  if (!role) return false
  if (role === 'manager' || role === 'client') return true
  if (task.assignees.includes(ctx.actor.id)) return true
  if (role === 'supervisor' && (await supervisesDepartment(ctx, task.department_id))) return true
  return task.entity_creator === ctx.actor.id
}

/** The task's columns, as Zou's plain serialization. */
export const plainTask = (task: Row): Row => serializeTask(task)

/** The task with its `assignees` ids (Zou's serialization with relations). */
export function taskWithAssignees(task: Row, assignees: string[]): Row {
  return { ...serializeTask(task), assignees }
}

// ---- arguments (Zou's ArgsMixin messages) ----

/** An optional UUID argument: absent/empty → null; malformed → 400. */
export function uuidArg(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null
  if (!isUuid(value)) throw wrongParameter('Wrong UUID format.')
  return value.toLowerCase()
}

/** An optional date(time) argument: absent/empty → null; unreadable → 400. */
export function dateArg(name: string, value: unknown): Date | null {
  if (value === undefined || value === null || value === '') return null
  const date = typeof value === 'string' ? parseDateTimeInput(value) : null
  if (!date) throw wrongParameter(`Wrong date format for ${name} argument.Expected format: 2020-01-05T13:23:10 or 2020-01-05`)
  return date
}

/** An optional integer argument: absent/empty → fallback; not an integer → 400. */
export function intArg(name: string, value: unknown, fallback: number | null): number | null {
  if (value === undefined || value === null || value === '') return fallback
  const text = String(value).trim()
  if (!/^[+-]?\d+$/.test(text) || Math.abs(Number(text)) > 2147483647) throw wrongParameter(`Wrong value for parameter ${name}.`)
  return Number(text)
}

/** A `YYYY-MM-DD` path date, or null when it is not one. */
export function isoDay(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const d = parseDateInput(value)
  return d ? value : null
}

/** Pages of Zou's `page` argument: absent → all (-1 / 0), else 1-based. */
export function pageArg(value: unknown, fallback = 0): number {
  return intArg('page', value, fallback) ?? fallback
}
