// Shot quotas (routes.md §3): frames, seconds, drawings and shot counts per person (or per
// task type for one person) by day, week, month and year. Weighted modes spread a task over
// its time-spent entries, or over the business days between its start and its feedback (or
// done) date; raw modes count each task once at that date. A fixed number of queries.
import type { Ctx } from '../crud/context.ts'
import { empty, join, sql, type Sql } from '../crud/select.ts'
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid } from '../lib/serialize.ts'
import { requireProjectAccess } from './access.ts'
import { typeIdSql } from './entities/types.ts'
import { projectFps } from './project-shots.ts'
import {
  addDays, addQuotaEntry, businessDays, daysBetween, dayFormatter, isWeekday, pyRound, roundCounts, type Quotas,
} from './quotas-math.ts'

const MODES = ['weighted', 'weighteddone', 'feedback', 'done']

interface QuotaArgs {
  projectId: string
  taskTypeId: string | null
  personId: string | null
  studioId: string | null
  feedback: boolean
  weighted: boolean
}

function readArgs(query: Record<string, string>): Pick<QuotaArgs, 'studioId' | 'feedback' | 'weighted'> {
  const mode = query.count_mode ?? 'weighted'
  if (!MODES.includes(mode)) throw wrongParameter('count_mode must be equal to weighted, weigtheddone, feedback, or done')
  const studioId = query.studio_id || null
  if (studioId !== null && !isUuid(studioId)) throw wrongParameter(`Invalid UUID format for studio_id: ${studioId}`)
  return { studioId, feedback: !mode.includes('done'), weighted: mode.includes('weighted') }
}

/** Zou loads the project first: an unknown or malformed id is a 404. */
function projectIdArg(projectId: string): string {
  if (!isUuid(projectId)) throw notFound()
  return projectId.toLowerCase()
}

/** GET /data/projects/:id/quotas/:task_type_id: PA, keyed by person. */
export async function projectQuotas(ctx: Ctx, rawProjectId: string, taskTypeId: string, query: Record<string, string>) {
  const projectId = projectIdArg(rawProjectId)
  await requireProjectAccess(ctx, projectId)
  const args = readArgs(query)
  if (!isUuid(taskTypeId)) throw wrongParameter(`Invalid UUID format for task_type_id: ${taskTypeId}`)
  return quotas(ctx, { ...args, projectId, taskTypeId: taskTypeId.toLowerCase(), personId: null })
}

/**
 * GET /data/projects/:id/quotas/persons/:person_id: managers and supervisors of the project
 * (PA) see anyone's, others only their own; keyed by task type.
 */
export async function personQuotas(ctx: Ctx, rawProjectId: string, personId: string, query: Record<string, string>) {
  const projectId = projectIdArg(rawProjectId)
  const role = (await ctx.projectRole(projectId)) ?? ctx.actor.role
  if (role === 'admin' || role === 'manager' || role === 'supervisor') await requireProjectAccess(ctx, projectId)
  else if (personId !== ctx.actor.id) throw forbidden()
  const args = readArgs(query)
  if (!isUuid(personId)) throw notFound()
  return quotas(ctx, { ...args, projectId, taskTypeId: null, personId: personId.toLowerCase() })
}

async function quotas(ctx: Ctx, a: QuotaArgs): Promise<Quotas> {
  const { rows: [facts] } = await ctx.pool.query(
    `SELECT p.fps, (SELECT timezone FROM person WHERE id = $2) AS timezone,
       ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM person WHERE id = $3::uuid)) AS person_exists
     FROM project p WHERE p.id = $1`,
    [a.projectId, ctx.actor.id, a.personId],
  )
  if (!facts) throw notFound()
  if (!facts.person_exists) throw notFound()
  const fps = projectFps(facts.fps)
  const day = dayFormatter(facts.timezone || ctx.config.defaultTimezone, ctx.config.defaultTimezone)
  const dateColumn = a.feedback ? sql`t.end_date` : sql`t.done_date`
  const base: Sql[] = [
    sql`t.project_id = ${a.projectId}::uuid`,
    sql`e.entity_type_id = ${typeIdSql('Shot')}`,
    sql`${dateColumn} IS NOT NULL`,
  ]
  if (a.taskTypeId) base.push(sql`t.task_type_id = ${a.taskTypeId}::uuid`)
  if (a.studioId) {
    base.push(sql`EXISTS (SELECT 1 FROM task_person_link sl JOIN person sp ON sp.id = sl.person_id
      WHERE sl.task_id = t.id AND sp.studio_id = ${a.studioId}::uuid)`)
  }
  // Zou bug: for one person's quotas Zou keeps a row per assignee of the person's tasks, so a
  // shared task counts once per assignee under the task type; Slate counts it once.
  const assignee = a.personId ? sql`AND l.person_id = ${a.personId}::uuid` : empty
  const where = join(base, ' AND ')
  const out: Quotas = {}
  // Keyed by person, or by task type when the quotas are one person's.
  const entryOf = (person: string, taskType: string) => (a.personId ? taskType : person)

  if (a.weighted) {
    const spent = sql`SELECT t.task_type_id, t.duration AS task_duration, t.nb_drawings, e.nb_frames,
        ts.date, ts.duration, ts.person_id
      FROM task t JOIN entity e ON e.id = t.entity_id JOIN time_spent ts ON ts.task_id = t.id
      WHERE ${where} ${a.personId ? sql`AND ts.person_id = ${a.personId}::uuid` : empty}`
    for (const r of (await ctx.pool.query(spent.text, spent.values)).rows) {
      if (!(r.task_duration > 0)) continue
      const share = r.duration / r.task_duration
      const frames = pyRound((r.nb_frames ?? 0) * share)
      const drawings = pyRound((r.nb_drawings ?? 0) * share)
      const date = (r.date as Date).toISOString().slice(0, 10)
      for (const entry of [entryOf(r.person_id, r.task_type_id), 'total']) addQuotaEntry(out, entry, date, frames, drawings, fps, share)
    }
    const spread = sql`SELECT t.task_type_id, t.real_start_date, ${dateColumn} AS end_date, t.nb_drawings, e.nb_frames, l.person_id
      FROM task t JOIN entity e ON e.id = t.entity_id JOIN task_person_link l ON l.task_id = t.id
      WHERE ${where} AND t.real_start_date IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM time_spent ts WHERE ts.task_id = t.id) ${assignee}`
    for (const r of (await ctx.pool.query(spread.text, spread.values)).rows) {
      const start = r.real_start_date as Date
      const end = r.end_date as Date
      const nbDays = businessDays(start, end) + 1
      const frames = r.nb_frames === null ? 0 : pyRound(r.nb_frames / nbDays)
      // Zou: drawings are not spread, every day gets them all.
      const drawings = r.nb_drawings ?? 0
      for (let k = 0; k <= daysBetween(start, end); k++) {
        const d = addDays(start, k)
        if (!isWeekday(d)) continue
        for (const entry of [entryOf(r.person_id, r.task_type_id), 'total']) addQuotaEntry(out, entry, day(d), frames, drawings, fps, 1 / nbDays)
      }
    }
    return roundCounts(out)
  }

  const raw = sql`SELECT t.task_type_id, ${dateColumn} AS date, t.nb_drawings, e.nb_frames, l.person_id
    FROM task t JOIN entity e ON e.id = t.entity_id JOIN task_person_link l ON l.task_id = t.id
    WHERE ${where} ${assignee}`
  for (const r of (await ctx.pool.query(raw.text, raw.values)).rows) {
    for (const entry of [entryOf(r.person_id, r.task_type_id), 'total']) {
      addQuotaEntry(out, entry, day(r.date as Date), r.nb_frames ?? 0, r.nb_drawings ?? 0, fps)
    }
  }
  return out
}
