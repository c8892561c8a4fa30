// Fixtures of the sequence and episode tests: a breakdown tree under makeProduction()'s
// project (episode ← sequence ← shot/scene, an asset whose main episode it is), tasks on
// each, and a query counter.
import { countQueries } from '../../helpers/query-count.ts'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { makeProduction, TestPerson } from '../../helpers/fixtures.ts'

type Prod = Awaited<ReturnType<typeof makeProduction>>

/** The entity type of that name, found or created. */
export async function typeId(app: FastifyInstance, name: string): Promise<string> {
  const db = app.db
  return ((await db.entityType.findFirst({ where: { name } })) ?? (await db.entityType.create({ data: { name } }))).id
}

export async function makeEntity(
  app: FastifyInstance, prod: Prod, type: string, name: string,
  extra: { parent_id?: string | null; source_id?: string | null; created_by?: string | null; data?: object; nb_frames?: number } = {},
) {
  return app.db.entity.create({
    data: { name, project_id: prod.project.id, entity_type_id: await typeId(app, type), ...extra },
  })
}

export async function makeTask(app: FastifyInstance, prod: Prod, entityId: string, assignees: string[] = [], extra: Record<string, unknown> = {}) {
  const task = await app.db.task.create({
    data: {
      name: `t-${randomUUID().slice(0, 6)}`, project_id: prod.project.id, entity_id: entityId,
      task_type_id: prod.taskType.id, task_status_id: prod.status.id, ...extra,
    },
  })
  if (assignees.length) await app.db.taskPersonLink.createMany({ data: assignees.map((person_id) => ({ task_id: task.id, person_id })) })
  return task
}

/** episode ← sequence ← shot and scene; an asset whose main episode is the episode; a task on each. */
export async function makeTree(app: FastifyInstance, prod: Prod, opts: { assign?: string[]; tag?: string } = {}) {
  const tag = opts.tag ?? randomUUID().slice(0, 6)
  const episode = await makeEntity(app, prod, 'Episode', `E-${tag}`)
  const sequence = await makeEntity(app, prod, 'Sequence', `SQ-${tag}`, { parent_id: episode.id })
  const shot = await makeEntity(app, prod, 'Shot', `SH-${tag}`, { parent_id: sequence.id, nb_frames: 24 })
  const scene = await makeEntity(app, prod, 'Scene', `SC-${tag}`, { parent_id: sequence.id })
  const asset = await makeEntity(app, prod, prod.assetType.name, `A-${tag}`, { source_id: episode.id })
  const assign = opts.assign ?? []
  const tasks = {
    episode: await makeTask(app, prod, episode.id, assign),
    sequence: await makeTask(app, prod, sequence.id, assign),
    shot: await makeTask(app, prod, shot.id, assign),
    asset: await makeTask(app, prod, asset.id, assign),
  }
  return { episode, sequence, shot, scene, asset, tasks }
}

export type Tree = Awaited<ReturnType<typeof makeTree>>

/** Status, parsed body and the SQL statements one request ran. */
export async function queriesOf(app: FastifyInstance, url: string, who: TestPerson) {
  const { result: res, sql } = await countQueries(() => app.inject({ method: 'GET', url, headers: who.headers }))
  return { status: res.statusCode, body: res.json(), sql }
}
