// Rows the persons tests share: shots under sequences (and episodes), tasks, time spents,
// day offs, departments — written straight to the database.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { call } from '../crud/helpers.ts'
import type { TestPerson } from '../../helpers/fixtures.ts'

const uniq = () => randomUUID().slice(0, 8)

export async function entityType(app: FastifyInstance, name: string) {
  return (await app.db.entityType.findFirst({ where: { name } })) ?? app.db.entityType.create({ data: { name } })
}

export async function makeShot(app: FastifyInstance, projectId: string, name: string, sequence: string, episode?: string) {
  const [shotType, seqType, epType] = [await entityType(app, 'Shot'), await entityType(app, 'Sequence'), await entityType(app, 'Episode')]
  const ep = episode ? await app.db.entity.create({ data: { name: episode, project_id: projectId, entity_type_id: epType.id } }) : null
  const seq = await app.db.entity.create({ data: { name: sequence, project_id: projectId, entity_type_id: seqType.id, parent_id: ep?.id ?? null } })
  return app.db.entity.create({ data: { name, project_id: projectId, entity_type_id: shotType.id, parent_id: seq.id } })
}

export async function makeTaskType(app: FastifyInstance, departmentId: string | null = null, forEntity = 'Shot') {
  return app.db.taskType.create({ data: { name: `Anim ${uniq()}`, for_entity: forEntity, department_id: departmentId } })
}

export async function makeDepartment(app: FastifyInstance) {
  return app.db.department.create({ data: { name: `Dept ${uniq()}`, color: '#123456' } })
}

export async function makeTask(
  app: FastifyInstance,
  p: { projectId: string; entityId: string; taskTypeId: string; statusId: string },
  extra: Record<string, unknown> = {},
) {
  return app.db.task.create({
    data: { name: `t-${uniq()}`, project_id: p.projectId, entity_id: p.entityId, task_type_id: p.taskTypeId, task_status_id: p.statusId, ...extra },
  })
}

/** A time spent, and the task's duration kept as the sum (as the CRUD does). */
export async function logTime(app: FastifyInstance, taskId: string, personId: string, date: string, duration: number) {
  const row = await app.db.timeSpent.create({ data: { task_id: taskId, person_id: personId, date: new Date(`${date}T00:00:00Z`), duration } })
  await app.pool.query('UPDATE task SET duration = (SELECT SUM(duration) FROM time_spent WHERE task_id = $1) WHERE id = $1', [taskId])
  return row
}

export async function dayOff(app: FastifyInstance, personId: string, date: string, endDate: string, description = 'holidays') {
  return app.db.dayOff.create({
    data: { person_id: personId, date: new Date(`${date}T00:00:00Z`), end_date: new Date(`${endDate}T00:00:00Z`), description },
  })
}

export const get = (app: FastifyInstance, who: TestPerson, url: string) => call(app, 'GET', url, who.headers)

/** The persisted events of a name about a person, newest first. */
export async function personEvents(app: FastifyInstance, name: string, personId: string) {
  const { rows } = await app.pool.query(
    `SELECT name, user_id, project_id, data FROM api_event WHERE name = $1 AND data->>'person_id' = $2 ORDER BY created_at DESC`,
    [name, personId],
  )
  return rows
}
