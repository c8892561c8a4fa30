// The caller's to-do, done and to-check lists (person task rows, routes.md §4).
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { doneTasks, tasksToCheck, todoTasks } from '../../services/user-tasks.ts'
import { PersonTaskRows } from './schemas.ts'

const tags = ['user']

export default async function taskRoutes(app: FastifyInstance) {
  app.get('/data/user/tasks', {
    schema: { tags, response: { 200: PersonTaskRows } },
    config: { access: 'person' },
  }, (req) => todoTasks(createCtx(app, req)))

  app.get('/data/user/done-tasks', {
    schema: { tags, response: { 200: PersonTaskRows } },
    config: { access: 'person' },
  }, (req) => doneTasks(createCtx(app, req)))

  app.get('/data/user/tasks-to-check', {
    schema: { tags, response: { 200: PersonTaskRows } },
    config: { access: 'person' },
  }, (req) => tasksToCheck(createCtx(app, req)))
}
