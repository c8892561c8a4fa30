// Lists of the tasks blueprint: open tasks and their stats, a person's tasks, the schedule's
// task dates, an entity's tasks of a type, and the project-wide lists.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { openTasks, openTasksStats } from '../../services/tasks-open.ts'
import { personTasks, personsTaskDates, relatedTasks } from '../../services/tasks-person.ts'
import { entityTasksOfType, projectAdminList, projectComments, projectTasks } from '../../services/tasks-project.ts'
import {
  AnyQuery, EntityTaskTypeParams, Open, OpenList, OpenTasks, PersonParams, PersonTaskList, PersonTaskTypeParams,
  ProjectParams, arrayOrPage, listOf, tags,
} from './schemas.ts'

export default async function listRoutes(app: FastifyInstance) {
  app.get<{ Querystring: AnyQuery }>('/data/tasks/open-tasks', {
    schema: { tags, querystring: AnyQuery, response: { 200: OpenTasks } },
    config: { access: 'user' },
  }, (req) => openTasks(createCtx(app, req), req.query))

  app.get('/data/tasks/open-tasks/stats', {
    schema: { tags, response: { 200: Open } },
    config: { access: 'user' },
  }, (req) => openTasksStats(createCtx(app, req)))

  app.get<{ Params: PersonParams }>('/data/persons/:person_id/tasks', {
    schema: { tags, params: PersonParams, response: { 200: PersonTaskList } },
    config: { access: 'user' },
  }, (req) => personTasks(createCtx(app, req), req.params.person_id, false))

  app.get<{ Params: PersonParams }>('/data/persons/:person_id/done-tasks', {
    schema: { tags, params: PersonParams, response: { 200: PersonTaskList } },
    config: { access: 'user' },
  }, (req) => personTasks(createCtx(app, req), req.params.person_id, true))

  app.get<{ Params: PersonTaskTypeParams }>('/data/persons/:person_id/related-tasks/:task_type_id', {
    schema: { tags, params: PersonTaskTypeParams, response: { 200: listOf('Task') } },
    config: { access: 'user' },
  }, (req) => relatedTasks(createCtx(app, req), req.params.person_id, req.params.task_type_id))

  app.get<{ Querystring: AnyQuery }>('/data/persons/task-dates', {
    schema: { tags, querystring: AnyQuery, response: { 200: OpenList } },
    config: { access: 'user' },
  }, (req) => personsTaskDates(createCtx(app, req), req.query.project_id))

  app.get<{ Params: EntityTaskTypeParams }>('/data/entities/:entity_id/task-types/:task_type_id/tasks', {
    schema: { tags, params: EntityTaskTypeParams, response: { 200: listOf('Task') } },
    config: { access: 'user' },
  }, (req) => entityTasksOfType(createCtx(app, req), req.params.entity_id, req.params.task_type_id))

  app.get<{ Params: ProjectParams; Querystring: AnyQuery }>('/data/projects/:project_id/tasks', {
    schema: { tags, params: ProjectParams, querystring: AnyQuery, response: { 200: arrayOrPage('Task') } },
    config: { access: 'user' },
  }, (req) => projectTasks(createCtx(app, req), req.params.project_id, req.query))

  app.get<{ Params: ProjectParams; Querystring: AnyQuery }>('/data/projects/:project_id/comments', {
    schema: { tags, params: ProjectParams, querystring: AnyQuery, response: { 200: arrayOrPage('Comment') } },
    config: { access: 'user' },
  }, (req) => projectComments(createCtx(app, req), req.params.project_id, req.query))

  app.get<{ Params: ProjectParams; Querystring: AnyQuery }>('/data/projects/:project_id/notifications', {
    schema: { tags, params: ProjectParams, querystring: AnyQuery, response: { 200: arrayOrPage('Notification') } },
    config: { access: 'admin' },
  }, (req) => projectAdminList(createCtx(app, req), req.params.project_id, 'notifications', req.query))

  app.get<{ Params: ProjectParams; Querystring: AnyQuery }>('/data/projects/:project_id/preview-files', {
    schema: { tags, params: ProjectParams, querystring: AnyQuery, response: { 200: arrayOrPage('PreviewFile') } },
    config: { access: 'admin' },
  }, (req) => projectAdminList(createCtx(app, req), req.params.project_id, 'preview-files', req.query))

  app.get<{ Params: ProjectParams }>('/data/projects/:project_id/subscriptions', {
    schema: { tags, params: ProjectParams, response: { 200: listOf('Subscription') } },
    config: { access: 'admin' },
  }, (req) => projectAdminList(createCtx(app, req), req.params.project_id, 'subscriptions', {}))
}
