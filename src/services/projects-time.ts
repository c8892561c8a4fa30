// routes.md §7: a project's time spents for one task type, and its team's day offs, both
// grouped by person id, within optional inclusive date bounds.
import type { Ctx } from '../crud/context.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { forbidden, wrongParameter } from '../lib/errors.ts'
import { formatDate, parseDateInput, rowSerializer, type Row } from '../lib/serialize.ts'
import { requireManagerAccess, requireProjectAccess } from './access.ts'
import { requireUuid } from './projects-shared.ts'

const timeSpent = rowSerializer(modelMetaOf('TimeSpent'), 'TimeSpent')
const dayOff = rowSerializer(modelMetaOf('DayOff'), 'DayOff')
const dayOffSafe = rowSerializer(modelMetaOf('DayOff'), 'DayOff', new Set(['description']))

export interface DateRange {
  start_date?: string
  end_date?: string
}

/** Both bounds as YYYY-MM-DD (null when absent); either malformed → Zou's combined 400. */
function dateRange(range: DateRange): [string | null, string | null] {
  const parse = (v: string | undefined) => (v === undefined ? null : parseDateInput(v))
  const start = parse(range.start_date)
  const end = parse(range.end_date)
  if ((range.start_date !== undefined && !start) || (range.end_date !== undefined && !end)) {
    throw wrongParameter(`Wrong date format for ${range.start_date ?? 'None'} and/or ${range.end_date ?? 'None'}`)
  }
  return [formatDate(start), formatDate(end)]
}

function groupByPerson(rows: Row[], serialize: (row: Row) => Row): Record<string, Row[]> {
  const out: Record<string, Row[]> = {}
  for (const row of rows) (out[String(row.person_id ?? 'None')] ??= []).push(serialize(row))
  return out
}

/** GET task-types/:task_type_id/time-spents (MPA): newest date first. */
export async function taskTypeTimeSpents(ctx: Ctx, projectId: string, taskTypeId: string, range: DateRange) {
  await requireManagerAccess(ctx, projectId)
  const typeId = requireUuid(taskTypeId, 'Wrong UUID format.')
  const [start, end] = dateRange(range)
  const { rows } = await ctx.pool.query(
    `SELECT ts.* FROM time_spent ts JOIN task tk ON tk.id = ts.task_id
     WHERE tk.project_id = $1 AND tk.task_type_id = $2
       AND ($3::date IS NULL OR ts.date >= $3::date) AND ($4::date IS NULL OR ts.date <= $4::date)
     ORDER BY ts.date DESC, ts.created_at DESC, ts.id`,
    [projectId, typeId, start, end],
  )
  return groupByPerson(rows, timeSpent)
}

/**
 * GET day-offs (PA, not clients nor vendors): the team's day offs overlapping the range, by
 * date. Managers and the person themself get full rows, others no `description`.
 */
export async function projectDayOffs(ctx: Ctx, projectId: string, range: DateRange) {
  const role = await requireProjectAccess(ctx, projectId)
  if (role === 'client' || role === 'vendor') throw forbidden()
  const [start, end] = dateRange(range)
  const full = role === 'admin' || role === 'manager'
  const { rows } = await ctx.pool.query(
    `SELECT d.* FROM day_off d JOIN project_person_link l ON l.person_id = d.person_id AND l.project_id = $1
     WHERE ($2::date IS NULL OR $2::date <= d.end_date) AND ($3::date IS NULL OR $3::date >= d.date)
     ORDER BY d.date, d.id`,
    [projectId, start, end],
  )
  return groupByPerson(rows, (row) => (full || row.person_id === ctx.actor.id ? dayOff(row) : dayOffSafe(row)))
}
