// Saved search filters and filter groups of the caller (and the shared ones they may see).
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import * as filters from '../../services/user-filters.ts'
import { formFallback } from '../auth/form-fallback.ts'
import {
  EMPTY, FilterCreateBody, FilterGroupParams, FilterParams, FilterUpdateBody, GroupCreateBody, GroupUpdateBody, Grouped,
  type Params,
} from './schemas.ts'

const tags = ['user']

export default async function filterRoutes(app: FastifyInstance) {
  app.get('/data/user/filters', {
    schema: { tags, response: { 200: Grouped('SearchFilter') } },
    config: { access: 'person' },
  }, (req) => filters.listFilters(createCtx(app, req)))

  app.post<{ Body: FilterCreateBody }>('/data/user/filters', {
    schema: { tags, body: FilterCreateBody, response: { 201: { $ref: 'SearchFilter#' } } },
    config: { access: 'person' },
    preValidation: formFallback,
  }, async (req, reply) => reply.code(201).send(await filters.createFilter(createCtx(app, req), req.body)))

  app.put<{ Params: Params<'filter_id'>; Body: FilterUpdateBody }>('/data/user/filters/:filter_id', {
    schema: { tags, params: FilterParams, body: FilterUpdateBody, response: { 200: { $ref: 'SearchFilter#' } } },
    config: { access: 'person' },
    preValidation: formFallback,
  }, (req) => filters.updateFilter(createCtx(app, req), req.params.filter_id, req.body))

  app.delete<{ Params: Params<'filter_id'> }>('/data/user/filters/:filter_id', {
    schema: { tags, params: FilterParams, response: EMPTY },
    config: { access: 'person' },
  }, async (req, reply) => {
    await filters.deleteFilter(createCtx(app, req), req.params.filter_id)
    return reply.code(204).send()
  })

  app.get('/data/user/filter-groups', {
    schema: { tags, response: { 200: Grouped('SearchFilterGroup') } },
    config: { access: 'person' },
  }, (req) => filters.listFilterGroups(createCtx(app, req)))

  app.post<{ Body: GroupCreateBody }>('/data/user/filter-groups', {
    schema: { tags, body: GroupCreateBody, response: { 201: { $ref: 'SearchFilterGroup#' } } },
    config: { access: 'person' },
    preValidation: formFallback,
  }, async (req, reply) => reply.code(201).send(await filters.createFilterGroup(createCtx(app, req), req.body)))

  app.get<{ Params: Params<'filter_group_id'> }>('/data/user/filter-groups/:filter_group_id', {
    schema: { tags, params: FilterGroupParams, response: { 200: { $ref: 'SearchFilterGroup#' } } },
    config: { access: 'person' },
  }, (req) => filters.getFilterGroup(createCtx(app, req), req.params.filter_group_id))

  app.put<{ Params: Params<'filter_group_id'>; Body: GroupUpdateBody }>('/data/user/filter-groups/:filter_group_id', {
    schema: { tags, params: FilterGroupParams, body: GroupUpdateBody, response: { 200: { $ref: 'SearchFilterGroup#' } } },
    config: { access: 'person' },
    preValidation: formFallback,
  }, (req) => filters.updateFilterGroup(createCtx(app, req), req.params.filter_group_id, req.body))

  app.delete<{ Params: Params<'filter_group_id'> }>('/data/user/filter-groups/:filter_group_id', {
    schema: { tags, params: FilterGroupParams, response: EMPTY },
    config: { access: 'person' },
  }, async (req, reply) => {
    await filters.deleteFilterGroup(createCtx(app, req), req.params.filter_group_id)
    return reply.code(204).send()
  })
}
