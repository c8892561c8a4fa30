// Registers one response schema per model (`$ref: 'Task#'`), generated from the data model;
// models of the CRUD table add their relation keys and extra fields.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { MODELS } from '../crud/meta.ts'
import { modelSchema } from '../crud/model-schemas.ts'
import { crudModels } from '../crud/models.ts'
import { responseExtras } from '../crud/register-model.ts'

export default fp(
  async function schemas(app: FastifyInstance) {
    const byModel = new Map(crudModels.map((m) => [m.model, m]))
    for (const meta of MODELS.values()) {
      const m = byModel.get(meta.name)
      app.addSchema(m ? modelSchema(meta, m.hidden, responseExtras(m)) : modelSchema(meta, new Set()))
    }
  },
  { name: 'schemas' },
)
