// Admin actions on a person (routes.md §6): department membership and clearing the avatar.
// Each emits person:update after its write.
import { notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import type { Storage } from '../storage/index.ts'
import { serializePerson } from './persons.ts'

const NO_DEPARTMENT = 'Department ID matches no department'

/**
 * The department (400 when unknown) then the person (404), as Zou checks them; one
 * statement that also runs the membership change `write` (a CTE using $1 person, $2
 * department) and answers the person row with its department ids after the change.
 */
async function changeDepartments(ctx: Ctx, personId: string, departmentId: string, write: string): Promise<Row> {
  if (!isUuid(departmentId)) throw wrongParameter(NO_DEPARTMENT)
  const person = isUuid(personId) ? personId.toLowerCase() : null
  const { rows } = await ctx.pool.query(
    `WITH d AS (SELECT id FROM department WHERE id = $2), p AS (SELECT id FROM person WHERE id = $1),
       change AS (${write})
     SELECT (SELECT count(*) FROM d)::int AS department_found, person.*,
       ARRAY(SELECT department_id FROM change WHERE added
             UNION SELECT l.department_id FROM department_link l WHERE l.person_id = person.id
               AND l.department_id NOT IN (SELECT department_id FROM change WHERE NOT added)) AS departments
     FROM (SELECT 1) one LEFT JOIN person ON person.id = $1`,
    [person, departmentId.toLowerCase()],
  )
  const row = rows[0]
  if (!row.department_found) throw wrongParameter(NO_DEPARTMENT)
  if (!row.id) throw notFound()
  await ctx.events.emit('person:update', { person_id: row.id }, { userId: ctx.actor.id })
  return row
}

/** POST /actions/persons/:person_id/departments/add — 201 with the person and its departments. */
export async function addPersonToDepartment(ctx: Ctx, personId: string, departmentId: string): Promise<Row> {
  const row = await changeDepartments(ctx, personId, departmentId,
    `INSERT INTO department_link (person_id, department_id) SELECT p.id, d.id FROM p, d
     ON CONFLICT DO NOTHING RETURNING department_id, true AS added`)
  return serializePerson(row, (row.departments as string[]).sort())
}

/** DELETE /actions/persons/:person_id/departments/:department_id — 204. */
export async function removePersonFromDepartment(ctx: Ctx, personId: string, departmentId: string): Promise<void> {
  // Zou: a malformed id in the path matches no route.
  if (!isUuid(departmentId)) throw notFound()
  await changeDepartments(ctx, personId, departmentId,
    `DELETE FROM department_link l USING p, d WHERE l.person_id = p.id AND l.department_id = d.id
     RETURNING l.department_id, false AS added`)
}

/** DELETE /actions/persons/:person_id/clear-avatar — the stored picture goes only with REMOVE_FILES. */
export async function clearAvatar(ctx: Ctx, storage: Storage, personId: string): Promise<void> {
  if (!isUuid(personId)) throw notFound()
  const id = personId.toLowerCase()
  const { rowCount } = await ctx.pool.query('UPDATE person SET has_avatar = false, updated_at = now() WHERE id = $1', [id])
  if (!rowCount) throw notFound()
  await ctx.events.emit('person:update', { person_id: id }, { userId: ctx.actor.id })
  if (ctx.config.removeFiles) {
    // Zou: a missing file is not an error.
    await storage.delete('pictures', `thumbnails-${id}`).catch(() => {})
  }
}
