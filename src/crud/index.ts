// The generic /data CRUD: one set of routes per entry of the model table.
import type { FastifyInstance } from 'fastify'
import { crudModels } from './models.ts'
import { registerModel } from './register-model.ts'

export default async function crud(app: FastifyInstance) {
  // crud.md §2: a body that is not JSON answers 415; Fastify would otherwise parse text/plain
  // into a string. Scoped to this (encapsulated) plugin's routes.
  app.removeContentTypeParser('text/plain')
  for (const model of crudModels) registerModel(app, model)
}
