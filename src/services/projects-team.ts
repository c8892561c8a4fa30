// routes.md §7: a project's team. Adding or removing a member changes that person's access
// at once: the auth hook reads the caller's teams on every request (plugins/auth.ts).
import type { Ctx } from '../crud/context.ts'
import { relationIds, selectList } from '../crud/select.ts'
import { wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import type { Role } from '../plugins/auth.ts'
import { requireManagerAccess, requireProjectAccess } from './access.ts'
import { minimalPerson, serializePerson } from './persons.ts'
import { crudModel, emitProjectUpdate, plainProject, requireUuid } from './projects-shared.ts'

const PERSON_MODEL = crudModel('persons')

/** A per-project role (admin is global only; the body schema refuses it). */
export type ProjectRole = Exclude<Role, 'admin'>

/** GET team: safe persons with departments for managers, the minimal shape for others. */
export async function listTeam(ctx: Ctx, projectId: string): Promise<Row[]> {
  const role = await requireProjectAccess(ctx, projectId)
  const manager = role === 'admin' || role === 'manager'
  const { rows } = await ctx.pool.query(
    `SELECT ${selectList(PERSON_MODEL, manager).text}, l.role AS __project_role
     FROM project_person_link l JOIN person t ON t.id = l.person_id
     WHERE l.project_id = $1
     ORDER BY t.first_name, t.last_name, t.id`,
    [projectId],
  )
  return rows.map((row) => {
    const person = manager ? serializePerson(row, relationIds(row, 'departments')) : minimalPerson(serializePerson(row))
    person.project_role = row.__project_role ?? null
    return person
  })
}

/**
 * POST team: adds the person (no-op when already in), and sets the project role when one is
 * given (an existing role is kept otherwise). One statement: nothing half-written.
 */
export async function addTeamMember(ctx: Ctx, projectId: string, personId: string, role: ProjectRole | null): Promise<Row> {
  await requireManagerAccess(ctx, projectId)
  const unknownPerson = wrongParameter(`Person with id ${personId} not found`)
  if (!isUuid(personId)) throw unknownPerson
  const { rows } = await ctx.pool.query(
    `WITH p AS (SELECT id FROM person WHERE id = $2::uuid),
     ins AS (
       INSERT INTO project_person_link (project_id, person_id, role)
       SELECT $1::uuid, p.id, $3 FROM p
       ON CONFLICT (project_id, person_id) DO UPDATE SET role = EXCLUDED.role WHERE EXCLUDED.role IS NOT NULL
       RETURNING 1)
     SELECT count(*)::int AS found FROM p`,
    [projectId, personId, role],
  )
  if (!rows[0].found) throw unknownPerson
  // Zou: the membership and the role are two saves, each emitting project:update.
  await emitProjectUpdate(ctx, projectId, role ? 2 : 1)
  return plainProject(ctx, projectId)
}

/** PUT team/:person_id: sets (or clears, with null) the member's project role. */
export async function setTeamMemberRole(ctx: Ctx, projectId: string, personId: string, role: ProjectRole | null) {
  await requireManagerAccess(ctx, projectId)
  const notMember = wrongParameter('Person is not a member of the project team')
  if (!isUuid(personId)) throw notMember
  const { rows } = await ctx.pool.query(
    `UPDATE project_person_link SET role = $3 WHERE project_id = $1 AND person_id = $2
     RETURNING project_id, person_id, role`,
    [projectId, personId, role],
  )
  if (!rows.length) throw notMember
  await emitProjectUpdate(ctx, projectId)
  return rows[0] as { project_id: string; person_id: string; role: string | null }
}

/** DELETE team/:person_id: removes the member (no error when absent). */
export async function removeTeamMember(ctx: Ctx, projectId: string, personId: string): Promise<void> {
  await requireManagerAccess(ctx, projectId)
  const id = requireUuid(personId)
  await ctx.pool.query('DELETE FROM project_person_link WHERE project_id = $1 AND person_id = $2', [projectId, id])
  await emitProjectUpdate(ctx, projectId)
}
