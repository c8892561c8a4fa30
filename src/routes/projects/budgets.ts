// routes.md §7: production budgets and budget entries (project managers), and the admins'
// monthly time-spent totals. Zou checks MPA before it reads a body: the writes run that
// check as a preValidation hook, ahead of the schema.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Static, TSchema } from '@sinclair/typebox'
import { createCtx } from '../../crud/context.ts'
import { requireManagerAccess } from '../../services/access.ts'
import * as budgets from '../../services/budgets.ts'
import {
  Budget, BudgetBody, BudgetParams, BudgetsPresent, BudgetUpdateBody, BudgetWithEntries, EntriesPresent, Entry, EntryBody,
  EntryParams, EntryUpdateBody, NoContent, OpenObject, ProjectParams,
} from './meta-schemas.ts'

type P<T extends TSchema> = { Params: Static<T> }
const tags = ['budgets']

export default async function budgetsRoutes(app: FastifyInstance) {
  const base = '/data/projects/:project_id/budgets'
  const budget = `${base}/:budget_id`
  const entry = `${budget}/entries/:entry_id`
  const managerFirst = async (req: FastifyRequest) => {
    await requireManagerAccess(createCtx(app, req), (req.params as { project_id: string }).project_id)
  }

  app.get<P<typeof ProjectParams>>(base, {
    schema: { tags, params: ProjectParams, response: { 200: BudgetsPresent } },
    config: { access: 'user' },
  }, (req) => budgets.listBudgets(createCtx(app, req), req.params.project_id))

  // Zou answers 200, not 201.
  app.post<P<typeof ProjectParams> & { Body: BudgetBody }>(base, {
    schema: { tags, params: ProjectParams, body: BudgetBody, response: { 200: Budget } },
    config: { access: 'user' },
    preValidation: managerFirst,
  }, (req) => budgets.createBudget(createCtx(app, req), req.params.project_id, req.body.name, req.body.currency ?? null))

  app.get<P<typeof ProjectParams>>(`${base}/time-spents`, {
    schema: { tags, params: ProjectParams, response: { 200: OpenObject } },
    config: { access: 'admin' },
  }, (req) => budgets.monthTimeSpents(createCtx(app, req), req.params.project_id))

  app.get<P<typeof BudgetParams>>(budget, {
    schema: { tags, params: BudgetParams, response: { 200: BudgetWithEntries } },
    config: { access: 'user' },
  }, (req) => budgets.getBudget(createCtx(app, req), req.params.project_id, req.params.budget_id))

  app.put<P<typeof BudgetParams> & { Body: Static<typeof BudgetUpdateBody> }>(budget, {
    schema: { tags, params: BudgetParams, body: BudgetUpdateBody, response: { 200: Budget } },
    config: { access: 'user' },
    preValidation: managerFirst,
  }, (req) => budgets.updateBudget(createCtx(app, req), req.params.project_id, req.params.budget_id, req.body))

  app.delete<P<typeof BudgetParams>>(budget, {
    schema: { tags, params: BudgetParams, response: { 204: NoContent } },
    config: { access: 'user' },
  }, async (req, reply) => {
    await budgets.deleteBudget(createCtx(app, req), req.params.project_id, req.params.budget_id)
    return reply.code(204).send()
  })

  app.get<P<typeof BudgetParams>>(`${budget}/entries`, {
    schema: { tags, params: BudgetParams, response: { 200: EntriesPresent } },
    config: { access: 'user' },
  }, (req) => budgets.listEntries(createCtx(app, req), req.params.project_id, req.params.budget_id))

  app.post<P<typeof BudgetParams> & { Body: EntryBody }>(`${budget}/entries`, {
    schema: { tags, params: BudgetParams, body: EntryBody, response: { 200: Entry } },
    config: { access: 'user' },
    preValidation: managerFirst,
  }, (req) => budgets.createEntry(createCtx(app, req), req.params.project_id, req.params.budget_id, req.body))

  app.get<P<typeof EntryParams>>(entry, {
    schema: { tags, params: EntryParams, response: { 200: Entry } },
    config: { access: 'user' },
  }, (req) => budgets.getEntry(createCtx(app, req), req.params.project_id, req.params.budget_id, req.params.entry_id))

  app.put<P<typeof EntryParams> & { Body: Static<typeof EntryUpdateBody> }>(entry, {
    schema: { tags, params: EntryParams, body: EntryUpdateBody, response: { 200: Entry } },
    config: { access: 'user' },
    preValidation: managerFirst,
  }, (req) => budgets.updateEntry(createCtx(app, req), req.params.project_id, req.params.budget_id, req.params.entry_id, req.body))

  app.delete<P<typeof EntryParams>>(entry, {
    schema: { tags, params: EntryParams, response: { 204: NoContent } },
    config: { access: 'user' },
  }, async (req, reply) => {
    await budgets.deleteEntry(createCtx(app, req), req.params.project_id, req.params.budget_id, req.params.entry_id)
    return reply.code(204).send()
  })
}
