// The production schedule reads of routes.md §7: milestones, schedule items (created on
// demand for each task type and each asset type, episode, sequence or edit), and the
// project's time spents. Each answers in a fixed number of statements whatever the size of
// the production: the missing items are inserted by the statement that reads the list.
import { notFound, wrongParameter } from '../lib/errors.ts'
import { formatDate, isUuid, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { crudByRoute } from '../crud/models.ts'
import { serialize } from '../crud/service.ts'
import { raw, selectList, sql, type Sql } from '../crud/select.ts'
import { TEMPORAL } from '../crud/hooks/entities.ts'
import { sameScheduleItemKey } from '../crud/hooks/schedule-items.ts'
import { requireNotVendor, requireProjectAccess } from './access.ts'

/** Task types whose schedule rows the task-types view keeps (Zou's list). */
const SCHEDULED_FOR = ['Asset', 'Shot', 'Sequence', 'Episode', 'Edit']
/** The keys of ScheduleItem.present(), in the order both halves of a UNION select them. */
const PRESENT = 'id, start_date, end_date, man_days, project_id, task_type_id, object_id'

export const checkUuid = (value: string) => {
  if (!isUuid(value)) throw wrongParameter('Wrong UUID format.')
  return value
}

async function run(ctx: Ctx, q: Sql): Promise<Row[]> {
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows
}

function present(row: Row): Row {
  return {
    id: row.id, start_date: formatDate(row.start_date as Date | null), end_date: formatDate(row.end_date as Date | null),
    man_days: row.man_days, project_id: row.project_id, task_type_id: row.task_type_id, object_id: row.object_id,
    ...('name' in row ? { name: row.name } : {}),
  }
}

async function emitCreated(ctx: Ctx, projectId: string, rows: Row[]): Promise<void> {
  await ctx.events.emitMany(rows.filter((r) => r.created).map((r) => ({
    name: 'schedule-item:new', data: { schedule_item_id: r.id }, projectId, userId: ctx.actor.id,
  })))
}

/** PA: `{id, date, name, project_id, task_type_id}` per milestone. */
export async function listMilestones(ctx: Ctx, projectId: string): Promise<Row[]> {
  await requireProjectAccess(ctx, projectId)
  const rows = await run(ctx, sql`SELECT id, date, name, project_id, task_type_id FROM milestone
    WHERE project_id = ${projectId}::uuid ORDER BY date, name, id`)
  return rows.map((r) => ({ ...r, date: formatDate(r.date as Date | null) }))
}

/** PA, NOVENDOR: every schedule item of the project, all columns. */
export async function listScheduleItems(ctx: Ctx, projectId: string): Promise<Row[]> {
  requireNotVendor(ctx, await requireProjectAccess(ctx, projectId))
  const m = crudByRoute.get('schedule-items')!
  const rows = await run(ctx, sql`SELECT ${selectList(m, false)} FROM schedule_item t
    WHERE t.project_id = ${projectId}::uuid ORDER BY t.start_date, t.id`)
  return rows.map((r) => serialize(ctx, m, r, false))
}

/** PA: the time spents of the project's tasks, all columns. */
export async function listProjectTimeSpents(ctx: Ctx, projectId: string): Promise<Row[]> {
  await requireProjectAccess(ctx, projectId)
  const m = crudByRoute.get('time-spents')!
  const rows = await run(ctx, sql`SELECT ${selectList(m, false)} FROM time_spent t JOIN task tk ON tk.id = t.task_id
    WHERE tk.project_id = ${projectId}::uuid ORDER BY t.date, t.id`)
  return rows.map((r) => serialize(ctx, m, r, false))
}

/**
 * PA, NOVENDOR: one project-level item per task type used by the project's tasks (created
 * today → tomorrow when missing), sorted by start date. Items of task types the project no
 * longer uses are left out.
 */
export async function taskTypeScheduleItems(ctx: Ctx, projectId: string): Promise<Row[]> {
  requireNotVendor(ctx, await requireProjectAccess(ctx, projectId))
  const p = sql`${projectId}::uuid`
  const rows = await run(ctx, sql`
    WITH used AS (
      SELECT tt.id FROM task_type tt
      WHERE tt.for_entity = ANY(${SCHEDULED_FOR}::text[])
        AND tt.id IN (SELECT t.task_type_id FROM task t WHERE t.project_id = ${p})
    ), ins AS (
      INSERT INTO schedule_item (project_id, task_type_id, start_date, end_date)
      SELECT ${p}, u.id, current_date, current_date + 1 FROM used u
      WHERE NOT EXISTS (SELECT 1 FROM schedule_item s WHERE ${sameScheduleItemKey(p, sql`u.id`, sql`NULL::uuid`)})
      RETURNING ${raw(PRESENT)}
    )
    SELECT * FROM (
      SELECT ${raw(PRESENT)}, false AS created FROM schedule_item s
      WHERE s.project_id = ${p} AND s.object_id IS NULL AND (s.task_type_id IS NULL OR s.task_type_id IN (SELECT id FROM used))
      UNION ALL SELECT ${raw(PRESENT)}, true FROM ins
    ) items ORDER BY start_date, id`)
  await emitCreated(ctx, projectId, rows)
  return rows.map(present)
}

export type ScheduledObjects = 'asset-types' | 'episodes' | 'sequences' | 'edits'

/** The objects (id, name) a task type is scheduled on, optionally within one episode. */
function objectsOf(kind: ScheduledObjects, p: Sql, episodeId: string | null): Sql {
  const episode = (column: string) => (episodeId ? sql` AND e.${raw(column)} = ${episodeId}::uuid` : sql``)
  const entities = (typeName: string, extra: Sql) => sql`SELECT e.id, e.name FROM entity e
    JOIN entity_type et ON et.id = e.entity_type_id WHERE e.project_id = ${p} AND et.name = ${typeName}${extra}`
  switch (kind) {
    case 'asset-types':
      // Asset types of the project's assets (of the episode's assets: their main episode).
      return sql`SELECT DISTINCT et.id, et.name FROM entity e JOIN entity_type et ON et.id = e.entity_type_id
        WHERE e.project_id = ${p} AND et.name <> ALL(${[...TEMPORAL]}::text[])${episode('source_id')}`
    case 'episodes': return entities('Episode', episode('id'))
    case 'sequences': return entities('Sequence', episode('parent_id'))
    case 'edits': return entities('Edit', sql` AND e.canceled IS NOT TRUE${episode('parent_id')}`)
  }
}

/**
 * PA, NOVENDOR: one item per object for the task type (created when missing), each with
 * the object's name, sorted by name. Items of objects that are gone are left out.
 */
export async function objectScheduleItems(
  ctx: Ctx, projectId: string, taskTypeId: string, kind: ScheduledObjects, episodeId: string | undefined,
): Promise<Row[]> {
  requireNotVendor(ctx, await requireProjectAccess(ctx, projectId))
  checkUuid(taskTypeId)
  if (episodeId !== undefined && episodeId !== '') checkUuid(episodeId)
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM task_type WHERE id = $1', [taskTypeId])
  if (!rowCount) throw notFound()
  const p = sql`${projectId}::uuid`
  const tt = sql`${taskTypeId}::uuid`
  const rows = await run(ctx, sql`
    WITH obj AS (${objectsOf(kind, p, episodeId || null)}),
    ins AS (
      INSERT INTO schedule_item (project_id, task_type_id, object_id, start_date, end_date)
      SELECT ${p}, ${tt}, obj.id, current_date, current_date + 1 FROM obj
      WHERE NOT EXISTS (SELECT 1 FROM schedule_item s WHERE ${sameScheduleItemKey(p, tt, sql`obj.id`)})
      ON CONFLICT DO NOTHING
      RETURNING ${raw(PRESENT)}
    )
    SELECT * FROM (
      SELECT s.id, s.start_date, s.end_date, s.man_days, s.project_id, s.task_type_id, s.object_id, obj.name, false AS created
      FROM schedule_item s JOIN obj ON obj.id = s.object_id WHERE s.project_id = ${p} AND s.task_type_id = ${tt}
      UNION ALL
      SELECT ins.id, ins.start_date, ins.end_date, ins.man_days, ins.project_id, ins.task_type_id, ins.object_id, obj.name, true
      FROM ins JOIN obj ON obj.id = ins.object_id
    ) items ORDER BY name COLLATE "C", id`)
  await emitCreated(ctx, projectId, rows)
  return rows.map(present)
}
