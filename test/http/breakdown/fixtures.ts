// A small breakdown on makeProduction()'s production: an episode, a sequence with two shots
// and a layout scene, three assets of two types, two Shot task types enabled on the project
// (Layout priority 1, Animation priority 2) and one task of each on the first shot.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { makeProduction } from '../../helpers/fixtures.ts'

type Prod = Awaited<ReturnType<typeof makeProduction>>

export async function entityType(app: FastifyInstance, name: string) {
  return (await app.db.entityType.findFirst({ where: { name } })) ?? app.db.entityType.create({ data: { name } })
}

export async function makeEntity(app: FastifyInstance, projectId: string, typeName: string, name: string, extra: Record<string, unknown> = {}) {
  const type = await entityType(app, typeName)
  return app.db.entity.create({ data: { name, project_id: projectId, entity_type_id: type.id, ...extra } })
}

export async function makeBreakdown(app: FastifyInstance, prod: Prod) {
  const db = app.db
  const p = prod.project.id
  const episode = await makeEntity(app, p, 'Episode', 'E01')
  const sequence = await makeEntity(app, p, 'Sequence', 'SQ01', { parent_id: episode.id })
  const shot1 = await makeEntity(app, p, 'Shot', 'SH010', { parent_id: sequence.id })
  const shot2 = await makeEntity(app, p, 'Shot', 'SH020', { parent_id: sequence.id })
  const scene = await makeEntity(app, p, 'Scene', 'SC01', { parent_id: sequence.id })
  const propType = await db.entityType.create({ data: { name: `Prop ${randomUUID().slice(0, 6)}` } })
  const hero = prod.asset
  const chair = await db.entity.create({ data: { name: 'Chair', project_id: p, entity_type_id: propType.id } })
  const table = await db.entity.create({ data: { name: 'Table', project_id: p, entity_type_id: propType.id } })
  const layout = await db.taskType.create({ data: { name: `Layout ${randomUUID().slice(0, 6)}`, for_entity: 'Shot' } })
  const animation = await db.taskType.create({ data: { name: `Animation ${randomUUID().slice(0, 6)}`, for_entity: 'Shot' } })
  await db.projectTaskTypeLink.createMany({
    data: [{ project_id: p, task_type_id: layout.id, priority: 1 }, { project_id: p, task_type_id: animation.id, priority: 2 }],
  })
  const task = (taskTypeId: string, entityId: string) => db.task.create({
    data: { name: 'main', project_id: p, entity_id: entityId, task_type_id: taskTypeId, task_status_id: prod.status.id },
  })
  const layoutTask = await task(layout.id, shot1.id)
  const animationTask = await task(animation.id, shot1.id)
  return { episode, sequence, shot1, shot2, scene, propType, hero, chair, table, layout, animation, layoutTask, animationTask }
}

export type Breakdown = Awaited<ReturnType<typeof makeBreakdown>>
