// What the project-template services share (routes.md §25): Zou's message-only errors, the
// template lookup, body id checks, the plain template answer and the update event.
import type { Ctx } from '../crud/context.ts'
import { PROJECT_TEMPLATE_NOT_FOUND } from '../crud/hooks/project-templates.ts'
import { AppError, badRequest } from '../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../lib/serialize.ts'

export const templateNotFound = () => new AppError(404, PROJECT_TEMPLATE_NOT_FOUND)
export const projectNotFound = () => new AppError(404, { message: 'Project not found' })

/** A template id from a path: malformed or unknown → Zou's 404 (its lookup treats both alike). */
export function templateId(id: string): string {
  if (!isUuid(id)) throw templateNotFound()
  return id.toLowerCase()
}

export async function requireTemplate(ctx: Ctx, id: string): Promise<string> {
  const tid = templateId(id)
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM project_template WHERE id = $1::uuid', [tid])
  if (!rowCount) throw templateNotFound()
  return tid
}

/** An id given in a body (or a path, beside the template): `<field> is required and must be a valid UUID`. */
export function bodyId(field: string, value: unknown): string {
  if (!isUuid(value)) throw badRequest(`${field} is required and must be a valid UUID`)
  return value.toLowerCase()
}

/** Rows a template links to, with the label of Zou's "<Label> <id> does not exist". */
export interface Target {
  table: string
  label: string
}

/**
 * Zou's order of checks for a link write: the target row first (400), then the template
 * (404); both read in one query.
 */
export async function requireTargetAndTemplate(ctx: Ctx, target: Target, targetId: string, template: string): Promise<string> {
  const tid = isUuid(template) ? template.toLowerCase() : null
  const { rows } = await ctx.pool.query(
    `SELECT EXISTS (SELECT 1 FROM ${target.table} WHERE id = $1::uuid) AS target,
            EXISTS (SELECT 1 FROM project_template WHERE id = $2::uuid) AS template`,
    [targetId, tid],
  )
  if (!rows[0].target) throw badRequest(`${target.label} ${targetId} does not exist`)
  if (!rows[0].template || !tid) throw templateNotFound()
  return tid
}

/** The template as Zou's `serialize()` gives it: columns only, no relation keys. */
export async function readTemplate(ctx: Ctx, id: string): Promise<Row> {
  const { rows } = await ctx.pool.query('SELECT * FROM project_template WHERE id = $1::uuid', [id])
  if (!rows.length) throw templateNotFound()
  return modelRowSerializer('ProjectTemplate')(rows[0])
}

/** events.md §3: every template change emits `project-template:<action>` (no project). */
export function emitTemplateEvent(ctx: Ctx, id: string, action: 'new' | 'update' = 'update'): Promise<void> {
  return ctx.events.emit(`project-template:${action}`, { project_template_id: id }, { userId: ctx.actor.id })
}
