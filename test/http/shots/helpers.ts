// Fixtures of the shots tests: a project's episode, sequence, shots and a scene with tasks,
// built on the route-table production (the vendor is assigned to one task of each).
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { RoleFileApp } from '../../helpers/route-table.ts'

export async function typeId(app: FastifyInstance, name: string): Promise<string> {
  const db = app.db
  return ((await db.entityType.findFirst({ where: { name } })) ?? (await db.entityType.create({ data: { name } }))).id
}

export async function makeEntity(app: FastifyInstance, projectId: string, type: string, name: string, extra: Record<string, unknown> = {}) {
  return app.db.entity.create({ data: { name, project_id: projectId, entity_type_id: await typeId(app, type), ...extra } })
}

export async function makeTask(app: FastifyInstance, entity: { id: string; project_id: string }, taskTypeId: string, statusId: string, extra: Record<string, unknown> = {}) {
  return app.db.task.create({
    data: { name: `main-${randomUUID().slice(0, 6)}`, project_id: entity.project_id, entity_id: entity.id, task_type_id: taskTypeId, task_status_id: statusId, ...extra },
  })
}

export interface ShotsFixture {
  episode: { id: string }
  sequence: { id: string; name: string }
  shot: { id: string; name: string; project_id: string }
  shot2: { id: string; name: string }
  scene: { id: string; project_id: string }
  shotTaskType: { id: string }
  shotTask: { id: string }
  sceneTask: { id: string }
}

/** Episode E01 ← sequence SQ01 ← shots SH010 (task assigned to the vendor), SH020; scene SC01. */
export async function makeShots(file: RoleFileApp): Promise<ShotsFixture> {
  const app = file.t.app
  const p = file.prod.project.id
  const episode = await makeEntity(app, p, 'Episode', 'E01')
  const sequence = await makeEntity(app, p, 'Sequence', 'SQ01', { parent_id: episode.id })
  const shot = await makeEntity(app, p, 'Shot', 'SH010', { parent_id: sequence.id, nb_frames: 48, data: { frame_in: 1001, frame_out: 1048, fps: 25 } })
  const shot2 = await makeEntity(app, p, 'Shot', 'SH020', { parent_id: sequence.id })
  const scene = await makeEntity(app, p, 'Scene', 'SC01', { parent_id: sequence.id })
  const shotTaskType = await app.db.taskType.create({ data: { name: `Animation ${randomUUID().slice(0, 6)}`, for_entity: 'Shot' } })
  const shotTask = await makeTask(app, shot, shotTaskType.id, file.prod.status.id)
  const sceneTask = await makeTask(app, scene, shotTaskType.id, file.prod.status.id)
  await app.db.taskPersonLink.createMany({
    data: [{ task_id: shotTask.id, person_id: file.people.vendor.id }, { task_id: sceneTask.id, person_id: file.people.vendor.id }],
  })
  return { episode, sequence, shot, shot2, scene, shotTaskType, shotTask, sceneTask }
}

export { countQueries } from '../../helpers/query-count.ts'

export async function eventsNamed(app: FastifyInstance, name: string, key: string, id: string) {
  const { rows } = await app.pool.query(`SELECT data, project_id, user_id FROM api_event WHERE name = $1 AND data->>$2 = $3`, [name, key, id])
  return rows as Array<{ data: Record<string, unknown>; project_id: string | null; user_id: string | null }>
}
