// routes.md §4 person lists: a person's open and done tasks (person task rows), the tasks of
// a type on the entities they work on, and the schedule's per-person task dates.
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { raw, sql, type Sql } from '../crud/select.ts'
import { personTaskRows } from './person-task-rows.ts'
import { plainTask } from './tasks-common.ts'
import type { Ctx } from '../crud/context.ts'

/** Zou's open_projects(): status named Active, open or Open. */
const OPEN_STATUS = sql`(SELECT id FROM project_status WHERE name IN ('Active', 'open', 'Open'))`

async function callerOpenProjectIds(ctx: Ctx): Promise<string[]> {
  return [...(await ctx.memberships())].filter(([, m]) => m.open).map(([id]) => id)
}

/** Projects whose tasks the caller may list: every open project (admins) or their open ones. */
async function visibleOpenProjects(ctx: Ctx, column: Sql): Promise<Sql> {
  if (ctx.isAdmin) return sql`${column} IN (SELECT id FROM project WHERE project_status_id IN ${OPEN_STATUS})`
  return sql`${column} = ANY(${await callerOpenProjectIds(ctx)}::uuid[])`
}

/** The target person: 404 when unknown, 403 for a bot or when a vendor asks about someone else. */
async function requireTarget(ctx: Ctx, personId: string): Promise<{ role: string }> {
  if (!isUuid(personId)) throw notFound()
  const { rows } = await ctx.pool.query('SELECT role, is_bot FROM person WHERE id = $1', [personId])
  if (!rows[0]) throw notFound()
  if (rows[0].is_bot) throw forbidden()
  if (ctx.actor.role === 'vendor' && personId.toLowerCase() !== ctx.actor.id) throw forbidden()
  return rows[0]
}

/** GET /data/persons/:id/tasks (done = false) and /done-tasks (done = true). */
export async function personTasks(ctx: Ctx, personId: string, done: boolean): Promise<Row[]> {
  await requireTarget(ctx, personId)
  // Zou: clients get nothing; vendors only ever ask about themselves (a vendor target), and
  // its intended answer there is an empty list (Zou itself errors on that branch).
  if (ctx.actor.role === 'client' || ctx.actor.role === 'vendor') return []
  const where = sql`${await visibleOpenProjects(ctx, sql`t.project_id`)}
    AND EXISTS (SELECT 1 FROM task_person_link l WHERE l.task_id = t.id AND l.person_id = ${personId}::uuid)
    AND ${done ? sql`ts.is_done = true` : sql`ts.is_done IS NOT TRUE`}`
  const orderBy = done ? sql`t.end_date DESC, tt.name, e.name, t.id` : sql`p.name, tt.name, e.name, t.id`
  return personTaskRows(ctx, { where, orderBy, columns: 'task', lastComment: true, castEpisodes: true })
}

/** GET /data/persons/:id/related-tasks/:task_type_id: tasks of that type on every entity
 * where the person has an assigned task. */
export async function relatedTasks(ctx: Ctx, personId: string, taskTypeId: string): Promise<Row[]> {
  await requireTarget(ctx, personId)
  if (!isUuid(taskTypeId)) return []
  // Slate: non-admins only see the open projects they are on (Zou lists every open project).
  const q = sql`SELECT t.* FROM task t
    WHERE t.task_type_id = ${taskTypeId}::uuid AND ${await visibleOpenProjects(ctx, sql`t.project_id`)}
      AND t.entity_id IN (SELECT a.entity_id FROM task a JOIN task_person_link l ON l.task_id = a.id
                           WHERE l.person_id = ${personId}::uuid)
    ORDER BY t.name, t.id`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map(plainTask)
}

/** Python's str() of a datetime: `YYYY-MM-DD HH:MM:SS`, "None" when null. */
const pyDateTime = (column: string) => `COALESCE(to_char(${column}, 'YYYY-MM-DD HH24:MI:SS'), 'None')`

/** GET /data/persons/task-dates. */
export async function personsTaskDates(ctx: Ctx, rawProjectId: unknown) {
  const projectId = typeof rawProjectId === 'string' && rawProjectId.trim() ? rawProjectId.trim() : null
  if (projectId !== null && !isUuid(projectId)) throw wrongParameter('Invalid project_id.')
  let scope: Sql
  let busy: Sql | null = null
  if (ctx.isAdmin) {
    scope = projectId ? sql`t.project_id = ${projectId}::uuid` : await visibleOpenProjects(ctx, sql`t.project_id`)
  } else {
    if (ctx.actor.role !== 'manager' && ctx.actor.role !== 'supervisor') throw forbidden()
    if (projectId) {
      if (!(await ctx.memberships()).has(projectId.toLowerCase())) throw forbidden()
      scope = sql`t.project_id = ${projectId}::uuid`
    } else {
      const own = await callerOpenProjectIds(ctx)
      scope = sql`t.project_id = ANY(${own}::uuid[])`
      // Other open productions: anonymous busy periods only.
      busy = sql`t.project_id IN (SELECT id FROM project WHERE project_status_id IN ${OPEN_STATUS}) AND NOT (t.project_id = ANY(${own}::uuid[]))`
    }
  }
  const busyCte = busy
    ? sql`SELECT l.person_id, t.start_date, t.due_date FROM task t JOIN task_person_link l ON l.task_id = t.id
          JOIN person ps ON ps.id = l.person_id
          WHERE ps.active AND t.start_date IS NOT NULL AND t.due_date IS NOT NULL AND ${busy}`
    : sql`SELECT NULL::uuid AS person_id, NULL::timestamp AS start_date, NULL::timestamp AS due_date WHERE false`
  const q = sql`WITH own AS (
      SELECT l.person_id, min(t.start_date) AS min_date, max(t.due_date) AS max_date
      FROM task t JOIN task_person_link l ON l.task_id = t.id JOIN person ps ON ps.id = l.person_id
      WHERE ps.active AND ${scope} GROUP BY l.person_id
    ), busy AS (${busyCte})
    SELECT coalesce(o.person_id, b.person_id)::text AS person_id,
      CASE WHEN o.person_id IS NULL THEN NULL ELSE ${raw(pyDateTime('o.min_date'))} END AS min_date,
      CASE WHEN o.person_id IS NULL THEN NULL ELSE ${raw(pyDateTime('o.max_date'))} END AS max_date,
      coalesce(b.periods, '[]') AS periods
    FROM own o FULL JOIN (
      SELECT person_id, json_agg(json_build_array(start_date, due_date) ORDER BY start_date, due_date) AS periods
      FROM busy GROUP BY person_id
    ) b ON b.person_id = o.person_id
    ORDER BY 1`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map((r) => ({
    person_id: r.person_id,
    min_date: r.min_date,
    max_date: r.max_date,
    busy_periods: mergePeriods(r.periods as Array<[string, string]>),
  }))
}

/** Merges overlapping [start, end] intervals (sorted by start). */
function mergePeriods(periods: Array<[string, string]>): Array<{ start_date: string; end_date: string }> {
  const out: Array<{ start_date: string; end_date: string }> = []
  for (const [start, end] of periods) {
    const s = start.slice(0, 19)
    const e = end.slice(0, 19)
    const last = out[out.length - 1]
    if (last && s <= last.end_date) {
      if (e > last.end_date) last.end_date = e
    } else {
      out.push({ start_date: s, end_date: e })
    }
  }
  return out
}
