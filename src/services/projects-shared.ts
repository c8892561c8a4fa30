// Helpers the project team/settings/link services share: the plain project answer, the
// project:update event every settings write emits, and id checks.
import type { Ctx } from '../crud/context.ts'
import { crudByRoute } from '../crud/models.ts'
import type { CrudModel } from '../crud/model.ts'
import { selectById } from '../crud/select.ts'
import { notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'

export const MALFORMED_ID = 'One of the ID sent in parameter is not properly formatted.'

/** A model of the generic CRUD table (its columns and serializer are reused here). */
export function crudModel(route: string): CrudModel {
  const m = crudByRoute.get(route)
  if (!m) throw new Error(`no CRUD model ${route}`)
  return m
}

export const PROJECT_MODEL = crudModel('projects')

/** A UUID parameter, lower-cased; anything else is a 400 with the given message. */
export function requireUuid(value: unknown, message = MALFORMED_ID): string {
  if (!isUuid(value)) throw wrongParameter(message)
  return value.toLowerCase()
}

/** The project as Zou's `project.serialize()`: every column, no relations. */
export async function plainProject(ctx: Ctx, projectId: string): Promise<Row> {
  const row = await selectById(ctx, PROJECT_MODEL, projectId, false)
  if (!row) throw notFound()
  return PROJECT_MODEL.serializer(row)
}

/** events.md §3.2: `project:update {project_id}` after a team or settings change (after commit). */
export function emitProjectUpdate(ctx: Ctx, projectId: string, times = 1): Promise<void> {
  const event = { name: 'project:update', projectId, userId: ctx.actor.id }
  return ctx.events.emitMany(Array.from({ length: times }, () => event))
}
