// routes.md §7: the project listings (open, all), the team, the project's task types, the
// time spents of one of its task types, and its team's day offs.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { listAllProjects, listOpenProjects } from '../../services/projects-listing.ts'
import { addTeamMember, listTeam, removeTeamMember, setTeamMemberRole, type ProjectRole } from '../../services/projects-team.ts'
import { listLinked } from '../../services/projects-settings.ts'
import { projectDayOffs, taskTypeTimeSpents, type DateRange } from '../../services/projects-time.ts'
import {
  bodyOrQuery, DateRangeQuery, DayOffsByPerson, NameQuery, projectIdOf, ProjectListing, ProjectParams, TaskTypeList,
  TaskTypeParams, TeamAddBody, TeamList, TeamMemberParams, TeamRole, TeamRoleBody, TimeSpentsByPerson,
} from './team-settings-schemas.ts'

const tags = ['projects']
type P = { project_id: string }
type Member = P & { person_id: string }

export default async function teamRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { name?: string } }>('/data/projects/open', {
    schema: { tags, querystring: NameQuery, response: { 200: ProjectListing } },
    config: { access: 'user' },
  }, (req) => listOpenProjects(createCtx(app, req), req.query.name))

  app.get<{ Querystring: { name?: string } }>('/data/projects/all', {
    schema: { tags, querystring: NameQuery, response: { 200: ProjectListing } },
    config: { access: 'user' },
  }, (req) => listAllProjects(createCtx(app, req), req.query.name))

  app.get<{ Params: P }>('/data/projects/:project_id/team', {
    schema: { tags, params: ProjectParams, response: { 200: TeamList } },
    config: { access: 'user' },
  }, (req) => listTeam(createCtx(app, req), projectIdOf(req)))

  app.post<{ Params: P; Body: { person_id: string; role?: ProjectRole | null } }>('/data/projects/:project_id/team', {
    schema: { tags, params: ProjectParams, body: TeamAddBody, response: { 201: { $ref: 'Project#' } } },
    config: { access: 'user' },
    preValidation: bodyOrQuery,
  }, async (req, reply) => {
    const project = await addTeamMember(createCtx(app, req), projectIdOf(req), req.body.person_id, req.body.role ?? null)
    return reply.code(201).send(project)
  })

  app.put<{ Params: Member; Body: { role?: ProjectRole | null } }>('/data/projects/:project_id/team/:person_id', {
    schema: { tags, params: TeamMemberParams, body: TeamRoleBody, response: { 200: TeamRole } },
    config: { access: 'user' },
    preValidation: bodyOrQuery,
  }, (req) => setTeamMemberRole(createCtx(app, req), projectIdOf(req), req.params.person_id, req.body.role ?? null))

  app.delete<{ Params: Member }>('/data/projects/:project_id/team/:person_id', {
    schema: { tags, params: TeamMemberParams },
    config: { access: 'user' },
  }, async (req, reply) => {
    await removeTeamMember(createCtx(app, req), projectIdOf(req), req.params.person_id)
    return reply.code(204).send()
  })

  app.get<{ Params: P }>('/data/projects/:project_id/task-types', {
    schema: { tags, params: ProjectParams, response: { 200: TaskTypeList } },
    config: { access: 'user' },
  }, (req) => listLinked(createCtx(app, req), projectIdOf(req), 'task-types', 'project'))

  app.get<{ Params: P & { task_type_id: string }; Querystring: DateRange }>('/data/projects/:project_id/task-types/:task_type_id/time-spents', {
    schema: { tags, params: TaskTypeParams, querystring: DateRangeQuery, response: { 200: TimeSpentsByPerson } },
    config: { access: 'user' },
  }, (req) => taskTypeTimeSpents(createCtx(app, req), projectIdOf(req), req.params.task_type_id, req.query))

  app.get<{ Params: P; Querystring: DateRange }>('/data/projects/:project_id/day-offs', {
    schema: { tags, params: ProjectParams, querystring: DateRangeQuery, response: { 200: DayOffsByPerson } },
    config: { access: 'user' },
  }, (req) => projectDayOffs(createCtx(app, req), projectIdOf(req), req.query))
}
