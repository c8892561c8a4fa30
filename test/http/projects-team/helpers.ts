// Shared by the projects-team tests: JSON calls as a person, and the events a block of code
// emitted (captured from the bus, so they are the ones emitted after commit).
import type { FastifyInstance, InjectOptions } from 'fastify'
import type { BusEvent } from '../../../src/events/bus.ts'
import { call } from '../crud/helpers.ts'
import type { TestPerson } from '../../helpers/fixtures.ts'

export const MALFORMED_ID = 'One of the ID sent in parameter is not properly formatted.'

export const wrong = (message: string) => ({ error: true, message, data: null })

export function as(app: FastifyInstance, person: TestPerson) {
  const go = (method: InjectOptions['method']) => (url: string, payload?: unknown) => call(app, method, url, person.headers, payload)
  return { get: go('GET'), post: go('POST'), put: go('PUT'), del: go('DELETE') }
}

/** Runs `work` and returns its result with the events emitted meanwhile. */
export async function withEvents<T>(app: FastifyInstance, work: () => Promise<T>): Promise<{ result: T; events: BusEvent[] }> {
  const events: BusEvent[] = []
  const off = app.events.on((e) => { events.push({ name: e.name, data: e.data, projectId: e.projectId, userId: e.userId }) })
  try {
    return { result: await work(), events }
  } finally {
    off()
  }
}

/** The project:update events a call should emit: `times` of them, by `userId`, on `projectId`. */
export const projectUpdates = (projectId: string, userId: string, times = 1): BusEvent[] =>
  Array.from({ length: times }, () => ({ name: 'project:update', data: { project_id: projectId }, projectId, userId }))
