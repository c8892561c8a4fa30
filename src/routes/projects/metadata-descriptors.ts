// routes.md §7: metadata descriptors, per project and across all the caller's projects.
import type { FastifyInstance } from 'fastify'
import type { Static, TSchema } from '@sinclair/typebox'
import { createCtx } from '../../crud/context.ts'
import * as descriptors from '../../services/metadata-descriptors.ts'
import * as allProjects from '../../services/metadata-descriptors-all-projects.ts'
import {
  AllProjectsReorderBody, AllProjectsUpdateBody, Descriptor, DescriptorCreateBody, DescriptorParams, Descriptors,
  DescriptorUpdateBody, EntityTypeQuery, FieldNameParams, Ids, NoContent, ProjectParams, ReorderBody,
} from './meta-schemas.ts'

type P<T extends TSchema> = { Params: Static<T> }
const tags = ['metadata-descriptors']

export default async function metadataDescriptorsRoutes(app: FastifyInstance) {
  const base = '/data/projects/:project_id/metadata-descriptors'

  app.get<P<typeof ProjectParams>>(base, {
    schema: { tags, params: ProjectParams, response: { 200: Descriptors } },
    config: { access: 'user' },
  }, (req) => descriptors.listDescriptors(createCtx(app, req), req.params.project_id))

  app.post<P<typeof ProjectParams> & { Body: DescriptorCreateBody }>(base, {
    schema: { tags, params: ProjectParams, body: DescriptorCreateBody, response: { 201: Descriptor } },
    config: { access: 'user' },
  }, async (req, reply) => reply.code(201).send(await descriptors.createDescriptor(createCtx(app, req), req.params.project_id, req.body)))

  app.post<P<typeof ProjectParams> & { Body: ReorderBody }>(`${base}/reorder`, {
    schema: { tags, params: ProjectParams, body: ReorderBody, response: { 200: Descriptors } },
    config: { access: 'user' },
  }, (req) => descriptors.reorderDescriptors(createCtx(app, req), req.params.project_id, req.body.entity_type, req.body.descriptor_ids))

  app.get<P<typeof DescriptorParams>>(`${base}/:metadata_descriptor_id`, {
    schema: { tags, params: DescriptorParams, response: { 200: Descriptor } },
    config: { access: 'user' },
  }, (req) => descriptors.getDescriptor(createCtx(app, req), req.params.project_id, req.params.metadata_descriptor_id))

  app.put<P<typeof DescriptorParams> & { Body: DescriptorUpdateBody }>(`${base}/:metadata_descriptor_id`, {
    schema: { tags, params: DescriptorParams, body: DescriptorUpdateBody, response: { 200: Descriptor } },
    config: { access: 'user' },
  }, (req) => descriptors.updateDescriptor(createCtx(app, req), req.params.project_id, req.params.metadata_descriptor_id, req.body))

  app.delete<P<typeof DescriptorParams>>(`${base}/:metadata_descriptor_id`, {
    schema: { tags, params: DescriptorParams, response: { 204: NoContent } },
    config: { access: 'user' },
  }, async (req, reply) => {
    await descriptors.deleteDescriptor(createCtx(app, req), req.params.project_id, req.params.metadata_descriptor_id)
    return reply.code(204).send()
  })

  // MANAGER(global) is checked before the body (Zou's order) by the route's access level.
  app.post<{ Body: DescriptorCreateBody }>('/data/metadata-descriptors/all-projects', {
    schema: { tags, body: DescriptorCreateBody, response: { 201: Descriptors } },
    config: { access: 'manager' },
  }, async (req, reply) => reply.code(201).send(await allProjects.createOnAllProjects(createCtx(app, req), req.body)))

  app.put<P<typeof FieldNameParams> & { Body: AllProjectsUpdateBody }>('/data/metadata-descriptors/all-projects/:field_name', {
    schema: { tags, params: FieldNameParams, body: AllProjectsUpdateBody, response: { 200: Descriptors } },
    config: { access: 'manager' },
  }, (req) => allProjects.updateOnAllProjects(createCtx(app, req), req.params.field_name, req.body))

  app.delete<P<typeof FieldNameParams> & { Querystring: Static<typeof EntityTypeQuery> }>('/data/metadata-descriptors/all-projects/:field_name', {
    schema: { tags, params: FieldNameParams, querystring: EntityTypeQuery, response: { 200: Ids } },
    config: { access: 'manager' },
  }, (req) => allProjects.removeFromAllProjects(createCtx(app, req), req.params.field_name, req.query.entity_type))

  app.post<{ Body: AllProjectsReorderBody }>('/actions/metadata-descriptors/all-projects/reorder', {
    schema: { tags, body: AllProjectsReorderBody, response: { 200: Descriptors } },
    config: { access: 'manager' },
  }, (req) => allProjects.reorderOnAllProjects(createCtx(app, req), req.body.entity_type, req.body.field_order))
}
