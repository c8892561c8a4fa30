// Fixtures of the assets tests: the temporal types, a breakdown (episode → sequence → shot)
// in a production, assets with tasks, casting links.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'

export async function typeId(app: FastifyInstance, name: string): Promise<string> {
  const db = app.db
  return ((await db.entityType.findFirst({ where: { name } })) ?? (await db.entityType.create({ data: { name } }))).id
}

export interface Prod {
  project: { id: string }
  assetType: { id: string; name: string }
  taskType: { id: string }
  status: { id: string }
}

export async function entity(app: FastifyInstance, projectId: string, type: string, name: string, extra: Record<string, unknown> = {}) {
  return app.db.entity.create({
    data: { name, project_id: projectId, entity_type_id: await typeId(app, type), ...extra },
  })
}

/** An asset of the production's asset type, with `tasks` tasks (each of a new task type). */
export async function assetWithTasks(app: FastifyInstance, prod: Prod, name = `A ${randomUUID().slice(0, 6)}`, tasks = 1, extra: Record<string, unknown> = {}) {
  const asset = await app.db.entity.create({
    data: { name, project_id: prod.project.id, entity_type_id: prod.assetType.id, ...extra },
  })
  const made = []
  for (let i = 0; i < tasks; i++) {
    const taskType = i === 0 ? prod.taskType : await app.db.taskType.create({ data: { name: `TT ${randomUUID().slice(0, 8)}`, for_entity: 'Asset' } })
    made.push(await app.db.task.create({
      data: { name: 'main', project_id: prod.project.id, entity_id: asset.id, task_type_id: taskType.id, task_status_id: prod.status.id },
    }))
  }
  return { asset, tasks: made }
}

/** Episode E01 → sequence SQ01 → shot SH010 in the project. */
export async function breakdown(app: FastifyInstance, projectId: string) {
  const suffix = randomUUID().slice(0, 4)
  const episode = await entity(app, projectId, 'Episode', `E01 ${suffix}`)
  const sequence = await entity(app, projectId, 'Sequence', `SQ01 ${suffix}`, { parent_id: episode.id })
  const shot = await entity(app, projectId, 'Shot', `SH010 ${suffix}`, { parent_id: sequence.id })
  return { episode, sequence, shot }
}

export async function cast(app: FastifyInstance, entityInId: string, entityOutId: string, nb = 1) {
  return app.db.entityLink.create({ data: { entity_in_id: entityInId, entity_out_id: entityOutId, nb_occurences: nb } })
}
