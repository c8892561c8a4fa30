// The caller's context (what Kitsu loads first), open projects, and avatar clearing.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { listOpenProjects } from '../../services/projects-listing.ts'
import { userContext } from '../../services/user-context.ts'
import { clearAvatar } from '../../services/user-time.ts'
import { ProjectListing } from '../projects/team-settings-schemas.ts'
import { Context, EMPTY, NameQuery } from './schemas.ts'

const tags = ['user']

export default async function contextRoutes(app: FastifyInstance) {
  app.get('/data/user/context', {
    schema: { tags, response: { 200: Context } },
    config: { access: 'person' },
  }, (req) => userContext(createCtx(app, req)))

  app.get<{ Querystring: { name?: string } }>('/data/user/projects/open', {
    schema: { tags, querystring: NameQuery, response: { 200: ProjectListing } },
    config: { access: 'person' },
  }, (req) => listOpenProjects(createCtx(app, req), req.query.name))

  app.delete('/actions/user/clear-avatar', {
    schema: { tags, response: EMPTY },
    config: { access: 'person' },
  }, async (req, reply) => {
    await clearAvatar(createCtx(app, req))
    return reply.code(204).send()
  })
}
