// The generic /data CRUD: one set of routes per entry of the model table.
import type { FastifyInstance } from 'fastify'
import { crudModels } from './models.ts'
import { registerModel } from './register-model.ts'

export default async function crud(app: FastifyInstance) {
  for (const model of crudModels) registerModel(app, model)
}
