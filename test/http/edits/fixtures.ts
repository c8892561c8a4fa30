// Fixtures of the edits and concepts tests: temporal entities, tasks and assignments on a
// production, plus a counter of the SQL statements one request runs.
import { countQueries } from '../../helpers/query-count.ts'
import type { FastifyInstance, InjectOptions } from 'fastify'
import type { TestPerson } from '../../helpers/fixtures.ts'

export interface Prod {
  project: { id: string }
  taskType: { id: string }
  status: { id: string }
}

export async function typeId(app: FastifyInstance, name: string): Promise<string> {
  const db = app.db
  return ((await db.entityType.findFirst({ where: { name } })) ?? (await db.entityType.create({ data: { name } }))).id
}

export async function makeEntity(app: FastifyInstance, prod: Prod, kind: string, name: string, extra: Record<string, unknown> = {}) {
  return app.db.entity.create({
    data: { name, project_id: prod.project.id, entity_type_id: await typeId(app, kind), ...extra },
  })
}

export async function makeTask(app: FastifyInstance, prod: Prod, entityId: string, extra: Record<string, unknown> = {}) {
  return app.db.task.create({
    data: { name: 'main', project_id: prod.project.id, entity_id: entityId, task_type_id: prod.taskType.id, task_status_id: prod.status.id, ...extra },
  })
}

export async function assign(app: FastifyInstance, taskId: string, ...personIds: string[]) {
  await app.db.taskPersonLink.createMany({ data: personIds.map((person_id) => ({ task_id: taskId, person_id })) })
}

/** An entity with one task assigned to `assignees`. */
export async function entityWithTask(app: FastifyInstance, prod: Prod, kind: string, name: string, assignees: string[] = [], extra: Record<string, unknown> = {}) {
  const entity = await makeEntity(app, prod, kind, name, extra)
  const task = await makeTask(app, prod, entity.id)
  if (assignees.length) await assign(app, task.id, ...assignees)
  return { entity, task }
}

/** The events of one name emitted while `fn` runs (after commit, through the bus). */
export async function eventsDuring(app: FastifyInstance, fn: () => Promise<unknown>) {
  const seen: Array<{ name: string; data: Record<string, unknown>; projectId: string | null; userId: string | null }> = []
  const off = app.events.on((e) => { seen.push({ name: e.name, data: e.data, projectId: e.projectId, userId: e.userId }) })
  try {
    await fn()
  } finally {
    off()
  }
  return seen
}

/** One request and the SQL statements it ran. */
export async function withQueryCount(app: FastifyInstance, who: TestPerson, opts: Omit<InjectOptions, 'headers'>) {
  const { result: res, sql } = await countQueries(() => app.inject({ ...opts, headers: who.headers } as InjectOptions))
  return { res, sql }
}

/** Adds `n` entities of a kind, each with two tasks assigned to `people`, in a few statements. */
export async function grow(app: FastifyInstance, prod: Prod, kind: string, n: number, people: string[], extra: Record<string, unknown> = {}) {
  const db = app.db
  const type = await typeId(app, kind)
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`
  const entities = await db.entity.createManyAndReturn({
    data: Array.from({ length: n }, (_, i) => ({ name: `${kind}-${stamp}-${i}`, project_id: prod.project.id, entity_type_id: type, ...extra })),
    select: { id: true },
  })
  const tasks = await db.task.createManyAndReturn({
    data: entities.flatMap((e) => ['a', 'b'].map((name) => ({
      name, project_id: prod.project.id, entity_id: e.id, task_type_id: prod.taskType.id, task_status_id: prod.status.id,
    }))),
    select: { id: true },
  })
  await db.taskPersonLink.createMany({ data: tasks.flatMap((t) => people.map((person_id) => ({ task_id: t.id, person_id }))) })
  return entities.map((e) => e.id)
}
