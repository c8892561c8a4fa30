// Fixtures of the user blueprint tests: a breakdown (episode ← sequence ← shot, a scene) with
// tasks, notifications, filters and filter groups owned by a given person.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { assign, makeEntity, makeTask, type Prod } from '../edits/fixtures.ts'

export { assign, eventsDuring, makeEntity, makeTask, typeId, withQueryCount } from '../edits/fixtures.ts'

/** episode ← sequence ← shot, a scene under the sequence; one task on each, assigned to `people`. */
export async function makeBreakdown(app: FastifyInstance, prod: Prod, people: string[]) {
  const tag = randomUUID().slice(0, 6)
  const episode = await makeEntity(app, prod, 'Episode', `E-${tag}`)
  const sequence = await makeEntity(app, prod, 'Sequence', `SQ-${tag}`, { parent_id: episode.id })
  const shot = await makeEntity(app, prod, 'Shot', `SH-${tag}`, { parent_id: sequence.id })
  const scene = await makeEntity(app, prod, 'Scene', `SC-${tag}`, { parent_id: sequence.id })
  const tasks: Record<string, string> = {}
  for (const [key, entity] of Object.entries({ episode, sequence, shot, scene })) {
    const task = await makeTask(app, prod, entity.id)
    if (people.length) await assign(app, task.id, ...people)
    tasks[key] = task.id
  }
  return { episode, sequence, shot, scene, tasks }
}

export async function makeNotification(app: FastifyInstance, personId: string, authorId: string, extra: Record<string, unknown> = {}) {
  return app.db.notification.create({ data: { person_id: personId, author_id: authorId, type: 'comment', ...extra } })
}

export async function makeFilter(app: FastifyInstance, personId: string, extra: Record<string, unknown> = {}) {
  return app.db.searchFilter.create({ data: { person_id: personId, list_type: 'todo', name: 'mine', search_query: 'q', ...extra } })
}

export async function makeFilterGroup(app: FastifyInstance, personId: string, extra: Record<string, unknown> = {}) {
  return app.db.searchFilterGroup.create({ data: { person_id: personId, list_type: 'todo', name: 'group', color: '#fff', ...extra } })
}
