// The caller's to-do, done and to-check lists (person task rows, routes.md §4), answered as the
// JSON text PostgreSQL builds.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { doneTasks, tasksToCheck, todoTasks } from '../../services/user-tasks.ts'
import { PersonTaskRows } from './schemas.ts'

const tags = ['user']
/** The lists come as JSON text from PostgreSQL (the schema documents their rows). */
const json = (reply: FastifyReply, body: string) => reply.type('application/json; charset=utf-8').send(body)

export default async function taskRoutes(app: FastifyInstance) {
  app.get('/data/user/tasks', {
    schema: { tags, response: { 200: PersonTaskRows } },
    config: { access: 'person' },
  }, async (req, reply) => json(reply, await todoTasks(createCtx(app, req))))

  app.get('/data/user/done-tasks', {
    schema: { tags, response: { 200: PersonTaskRows } },
    config: { access: 'person' },
  }, async (req, reply) => json(reply, await doneTasks(createCtx(app, req))))

  app.get('/data/user/tasks-to-check', {
    schema: { tags, response: { 200: PersonTaskRows } },
    config: { access: 'person' },
  }, async (req, reply) => json(reply, await tasksToCheck(createCtx(app, req))))
}
