// How to find the project of a row that has no project_id column of its own (through its
// task, entity or schedule version): one indexed lookup.
import { isUuid, type Row } from '../lib/serialize.ts'
import type { Ctx } from './context.ts'
import type { ProjectOf } from './rules.ts'

async function projectOfRow(ctx: Ctx, table: 'task' | 'entity' | 'production_schedule_version', id: unknown): Promise<string | null> {
  if (!isUuid(id)) return null
  const { rows } = await ctx.pool.query(`SELECT project_id FROM ${table} WHERE id = $1`, [id])
  return rows[0]?.project_id ?? null
}

export const ofTaskColumn = (column: string): ProjectOf => (ctx, row: Row) => projectOfRow(ctx, 'task', row[column])
export const ofEntityColumn = (column: string): ProjectOf => (ctx, row: Row) => projectOfRow(ctx, 'entity', row[column])

/** Task create: the body's project_id, else the project of its entity. */
export const ofTaskBody: ProjectOf = (ctx, body) =>
  isUuid(body.project_id) ? (body.project_id as string) : projectOfRow(ctx, 'entity', body.entity_id)

export const ofScheduleVersionBody: ProjectOf = (ctx, body) =>
  projectOfRow(ctx, 'production_schedule_version', body.production_schedule_version_id)
