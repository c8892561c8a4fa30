// routes.md §7: the production schedule — milestones, schedule items, project time spents and
// production schedule versions.
import type { FastifyInstance } from 'fastify'
import type { Static, TSchema } from '@sinclair/typebox'
import { createCtx } from '../../crud/context.ts'
import * as schedules from '../../services/schedules.ts'
import * as versions from '../../services/schedules-versions.ts'
import {
  EpisodeQuery, Milestones, NamedScheduleItems, ProjectParams, ScheduleItems, ScheduleItemsPresent, TaskCount,
  TaskLinkCount, TaskLinks, TaskLinksQuery, TaskTypeParams, TimeSpents, VersionCopyBody, VersionParams,
} from './meta-schemas.ts'

type P<T extends TSchema> = { Params: Static<T> }
const tags = ['schedules']
const OBJECT_KINDS: schedules.ScheduledObjects[] = ['asset-types', 'episodes', 'sequences', 'edits']

export default async function schedulesRoutes(app: FastifyInstance) {
  const project = '/data/projects/:project_id'

  app.get<P<typeof ProjectParams>>(`${project}/milestones`, {
    schema: { tags, params: ProjectParams, response: { 200: Milestones } },
    config: { access: 'user' },
  }, (req) => schedules.listMilestones(createCtx(app, req), req.params.project_id))

  app.get<P<typeof ProjectParams>>(`${project}/schedule-items`, {
    schema: { tags, params: ProjectParams, response: { 200: ScheduleItems } },
    config: { access: 'user' },
  }, (req) => schedules.listScheduleItems(createCtx(app, req), req.params.project_id))

  app.get<P<typeof ProjectParams>>(`${project}/schedule-items/task-types`, {
    schema: { tags, params: ProjectParams, response: { 200: ScheduleItemsPresent } },
    config: { access: 'user' },
  }, (req) => schedules.taskTypeScheduleItems(createCtx(app, req), req.params.project_id))

  for (const kind of OBJECT_KINDS) {
    app.get<P<typeof TaskTypeParams> & { Querystring: Static<typeof EpisodeQuery> & { episode?: string } }>(
      `${project}/schedule-items/:task_type_id/${kind}`, {
        schema: { tags, params: TaskTypeParams, querystring: EpisodeQuery, response: { 200: NamedScheduleItems } },
        config: { access: 'user' },
      }, (req) => schedules.objectScheduleItems(
        createCtx(app, req), req.params.project_id, req.params.task_type_id, kind, req.query.episode_id ?? req.query.episode,
      ))
  }

  app.get<P<typeof ProjectParams>>(`${project}/time-spents`, {
    schema: { tags, params: ProjectParams, response: { 200: TimeSpents } },
    config: { access: 'user' },
  }, (req) => schedules.listProjectTimeSpents(createCtx(app, req), req.params.project_id))

  app.get<P<typeof VersionParams> & { Querystring: Static<typeof TaskLinksQuery> }>(
    '/data/production-schedule-versions/:production_schedule_version_id/task-links', {
      schema: { tags, params: VersionParams, querystring: TaskLinksQuery, response: { 200: TaskLinks } },
      config: { access: 'user' },
    }, (req) => versions.listTaskLinks(createCtx(app, req), req.params.production_schedule_version_id, req.query))

  const action = '/actions/production-schedule-versions/:production_schedule_version_id'

  app.post<P<typeof VersionParams>>(`${action}/set-task-links-from-production`, {
    schema: { tags, params: VersionParams, response: { 200: TaskLinkCount } },
    config: { access: 'user' },
  }, (req) => versions.setLinksFromProduction(createCtx(app, req), req.params.production_schedule_version_id))

  app.post<P<typeof VersionParams> & { Body: Static<typeof VersionCopyBody> }>(`${action}/set-task-links-from-production-schedule-version`, {
    schema: { tags, params: VersionParams, body: VersionCopyBody, response: { 200: TaskLinkCount } },
    config: { access: 'user' },
    // Zou checks the version and MPA before it reads the body.
    preValidation: async (req) => { await versions.requireVersionManager(createCtx(app, req), req.params.production_schedule_version_id) },
  }, (req) => versions.setLinksFromVersion(createCtx(app, req), req.params.production_schedule_version_id, req.body.production_schedule_version_id))

  app.post<P<typeof VersionParams>>(`${action}/apply-to-production`, {
    schema: { tags, params: VersionParams, response: { 200: TaskCount } },
    config: { access: 'user' },
  }, (req) => versions.applyToProduction(createCtx(app, req), req.params.production_schedule_version_id))
}
