// Production schedule versions (routes.md §7): read a version's task links, fill them from
// the production or from another version, and apply a version to the production. Every
// copy is INSERT … SELECT / UPDATE … FROM in one transaction: a fixed number of statements
// whatever the number of tasks. Events go out after commit.
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { crudByRoute } from '../crud/models.ts'
import { serialize } from '../crud/service.ts'
import { raw, selectList, sql, type Sql } from '../crud/select.ts'
import { seesSchedules } from '../crud/hooks/schedule-versions.ts'
import { requireManagerAccess, requireProjectAccess } from './access.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import { checkUuid } from './schedules.ts'

interface Version { id: string; project_id: string }

/** The version, 404 when unknown (or malformed, as Zou's instance lookup answers). */
async function findVersion(ctx: Ctx, id: string): Promise<Version> {
  if (!isUuid(id)) throw notFound()
  const { rows } = await ctx.pool.query('SELECT id::text, project_id::text FROM production_schedule_version WHERE id = $1', [id])
  if (!rows.length) throw notFound()
  return rows[0]
}

/** MPA on the version's project: the check the write actions make before reading a body. */
export async function requireVersionManager(ctx: Ctx, versionId: string): Promise<Version> {
  const version = await findVersion(ctx, versionId)
  await requireManagerAccess(ctx, version.project_id)
  return version
}

const LINK = 'production_schedule_version_task_link'
const PERSON_LINK = 'production_schedule_version_task_link_person_link'

/**
 * PA on the version's project; vendors and clients refused (Zou checks the global role before
 * the project; Slate also refuses a per-project vendor or client role, as the CRUD list does).
 */
export async function listTaskLinks(ctx: Ctx, versionId: string, query: { task_type_id?: string; relations?: string }): Promise<Row[]> {
  const version = await findVersion(ctx, versionId)
  if (!seesSchedules(ctx.actor.role)) throw forbidden()
  if (!seesSchedules(await requireProjectAccess(ctx, version.project_id))) throw forbidden()
  const taskTypeId = query.task_type_id ? checkUuid(query.task_type_id) : null
  const relations = (query.relations ?? '').toLowerCase() === 'true'
  const m = crudByRoute.get('production-schedule-version-task-links')!
  const byTaskType = taskTypeId
    ? sql` AND EXISTS (SELECT 1 FROM task tk WHERE tk.id = t.task_id AND tk.task_type_id = ${taskTypeId}::uuid)`
    : sql``
  const q = sql`SELECT ${selectList(m, relations)} FROM ${raw(LINK)} t
    WHERE t.production_schedule_version_id = ${version.id}::uuid${byTaskType} ORDER BY t.created_at, t.id`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map((r) => serialize(ctx, m, r, relations))
}

/**
 * Rewrites the assignees of the version's links from their tasks' assignees, or, given a
 * source version, those of the links whose task it holds from the source's links (the
 * others keep theirs).
 */
async function replaceAssignees(tx: Prisma.TransactionClient, versionId: string, onlyTasksOf: string | null): Promise<void> {
  const scope = onlyTasksOf
    ? sql` AND l.task_id IN (SELECT o.task_id FROM ${raw(LINK)} o WHERE o.production_schedule_version_id = ${onlyTasksOf}::uuid)`
    : sql``
  await tx.$executeRaw(sql`DELETE FROM ${raw(PERSON_LINK)} pl USING ${raw(LINK)} l
    WHERE pl.production_schedule_version_task_link_id = l.id AND l.production_schedule_version_id = ${versionId}::uuid${scope}`)
  const source = onlyTasksOf
    ? sql`SELECT l.id, opl.person_id FROM ${raw(LINK)} l
        JOIN ${raw(LINK)} o ON o.task_id = l.task_id AND o.production_schedule_version_id = ${onlyTasksOf}::uuid
        JOIN ${raw(PERSON_LINK)} opl ON opl.production_schedule_version_task_link_id = o.id
        WHERE l.production_schedule_version_id = ${versionId}::uuid`
    : sql`SELECT l.id, tp.person_id FROM ${raw(LINK)} l JOIN task_person_link tp ON tp.task_id = l.task_id
        WHERE l.production_schedule_version_id = ${versionId}::uuid`
  await tx.$executeRaw(sql`INSERT INTO ${raw(PERSON_LINK)} (production_schedule_version_task_link_id, person_id)
    ${source} ON CONFLICT DO NOTHING`)
}

/** Upserts the version's links from `source` rows (task_id, start_date, due_date, estimation); returns how many. */
async function upsertLinks(tx: Prisma.TransactionClient, versionId: string, source: Sql): Promise<number> {
  const [{ n }] = await tx.$queryRaw<Array<{ n: number }>>(sql`
    WITH up AS (
      INSERT INTO ${raw(LINK)} (production_schedule_version_id, task_id, start_date, due_date, estimation)
      SELECT ${versionId}::uuid, src.task_id, src.start_date, src.due_date, src.estimation FROM (${source}) src
      ON CONFLICT (production_schedule_version_id, task_id) DO UPDATE
        SET start_date = EXCLUDED.start_date, due_date = EXCLUDED.due_date, estimation = EXCLUDED.estimation, updated_at = now()
      RETURNING 1
    ) SELECT count(*)::int AS n FROM up`)
  return n
}

/** MPA: one link per task of the project, with the task's dates, estimation and assignees. */
export async function setLinksFromProduction(ctx: Ctx, versionId: string) {
  const version = await requireVersionManager(ctx, versionId)
  const count = await ctx.db.$transaction(async (tx) => {
    const n = await upsertLinks(tx, version.id, sql`SELECT id AS task_id, start_date, due_date, estimation FROM task
      WHERE project_id = ${version.project_id}::uuid`)
    await replaceAssignees(tx, version.id, null)
    return n
  })
  return { success: true, task_link_count: count }
}

/** MPA: copies another version of the same project onto this one (links of its tasks only). */
export async function setLinksFromVersion(ctx: Ctx, versionId: string, sourceId: string) {
  const version = await requireVersionManager(ctx, versionId)
  const source = await findVersion(ctx, sourceId)
  if (source.project_id !== version.project_id) throw wrongParameter('Production schedule versions must belong to the same project.')
  if (source.id === version.id) throw wrongParameter('A production schedule version cannot be copied onto itself.')
  const count = await ctx.db.$transaction(async (tx) => {
    const n = await upsertLinks(tx, version.id, sql`SELECT task_id, start_date, due_date, estimation FROM ${raw(LINK)}
      WHERE production_schedule_version_id = ${source.id}::uuid`)
    await replaceAssignees(tx, version.id, source.id)
    await tx.$executeRaw(sql`UPDATE production_schedule_version SET production_schedule_from = ${source.id}::uuid, updated_at = now()
      WHERE id = ${version.id}::uuid`)
    return n
  })
  await ctx.events.emit('production_schedule_version:update', { production_schedule_version_id: version.id }, { projectId: version.project_id, userId: ctx.actor.id })
  return { success: true, task_link_count: count }
}

/**
 * MPA: writes the version's dates and estimations onto the linked tasks, locks the version
 * and records it as the project's schedule; one task:update per task, after commit.
 */
export async function applyToProduction(ctx: Ctx, versionId: string) {
  const version = await requireVersionManager(ctx, versionId)
  const tasks = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.$queryRaw<Array<{ id: string; project_id: string | null }>>(sql`
      UPDATE task t SET start_date = l.start_date, due_date = l.due_date, estimation = l.estimation, updated_at = now()
      FROM ${raw(LINK)} l WHERE l.task_id = t.id AND l.production_schedule_version_id = ${version.id}::uuid
      RETURNING t.id::text AS id, t.project_id::text AS project_id`)
    await tx.$executeRaw(sql`UPDATE production_schedule_version SET locked = true, updated_at = now() WHERE id = ${version.id}::uuid`)
    await tx.$executeRaw(sql`UPDATE project SET from_schedule_version_id = ${version.id}::uuid, updated_at = now()
      WHERE id = ${version.project_id}::uuid`)
    return updated
  })
  const userId = ctx.actor.id
  await ctx.events.emitMany([
    ...tasks.map((t) => ({ name: 'task:update', data: { task_id: t.id }, projectId: t.project_id, userId })),
    { name: 'production_schedule_version:update', data: { production_schedule_version_id: version.id }, projectId: version.project_id, userId },
    { name: 'project:update', data: {}, projectId: version.project_id, userId },
  ])
  return { success: true, task_count: tasks.length }
}
