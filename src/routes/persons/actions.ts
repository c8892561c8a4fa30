// Admin actions on a person (routes.md §6): departments and avatar.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { addPersonToDepartment, clearAvatar, removePersonFromDepartment } from '../../services/persons-actions.ts'
import { AddDepartmentBody, NoContent, PersonDepartmentParams, PersonParams, tags } from './schemas.ts'

const config = { access: 'admin' as const }

export default async function personActionRoutes(app: FastifyInstance) {
  app.post<{ Params: PersonParams; Body: AddDepartmentBody }>('/actions/persons/:person_id/departments/add', {
    schema: { tags, params: PersonParams, body: AddDepartmentBody, response: { 201: { $ref: 'Person#' } } },
    config,
  }, async (req, reply) => reply.code(201).send(
    await addPersonToDepartment(createCtx(app, req), req.params.person_id, req.body.department_id),
  ))

  app.delete<{ Params: PersonDepartmentParams }>('/actions/persons/:person_id/departments/:department_id', {
    schema: { tags, params: PersonDepartmentParams, response: { 204: NoContent } },
    config,
  }, async (req, reply) => {
    await removePersonFromDepartment(createCtx(app, req), req.params.person_id, req.params.department_id)
    return reply.code(204).send()
  })

  app.delete<{ Params: PersonParams }>('/actions/persons/:person_id/clear-avatar', {
    schema: { tags, params: PersonParams, response: { 204: NoContent } },
    config,
  }, async (req, reply) => {
    await clearAvatar(createCtx(app, req), app.storage, req.params.person_id)
    return reply.code(204).send()
  })
}
