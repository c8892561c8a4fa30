// The five routes of one /data/<route> model. Handlers are one call each; the response
// schemas come from the model's generated schema (lists pick the array or page serializer).
import type { FastifyInstance, FastifyReply } from 'fastify'
import fastJson from 'fast-json-stringify'
import { createCtx } from './context.ts'
import type { CrudModel } from './model.ts'
import { createRow, deleteRow, getRow, listRows, updateRow } from './service.ts'
import { modelSchema, type JsonSchema } from './model-schemas.ts'

type Params = { instance_id: string }
type Query = Record<string, string>

const IdParams = { type: 'object', properties: { instance_id: { type: 'string' } }, required: ['instance_id'] }

function serializers(m: CrudModel) {
  const { $id: _id, ...row } = modelSchema(m.meta, m.hidden, responseExtras(m))
  return {
    array: fastJson({ type: 'array', items: row }),
    page: fastJson({
      type: 'object',
      properties: {
        data: { type: 'array', items: row }, total: { type: 'integer' }, nb_pages: { type: 'integer' },
        limit: { type: 'integer' }, offset: { type: 'integer' }, page: { type: 'integer' },
      },
    }),
  }
}

/** Extra keys a model's rows may carry: relation id arrays and the model's own extras. */
export function responseExtras(m: CrudModel): Record<string, JsonSchema> {
  const extra: Record<string, JsonSchema> = {}
  for (const key of Object.keys(m.relations)) extra[key] = { type: 'array', items: { type: 'string' } }
  return { ...extra, ...m.extraSchema }
}

export function registerModel(app: FastifyInstance, m: CrudModel): void {
  const base = `/data/${m.route}`
  const ref = { $ref: `${m.model}#` }
  const tags = [m.route]
  const { array, page } = serializers(m)
  const listSchema = { description: 'A JSON array, or the paginated object when `page` is given.' }

  app.get<{ Querystring: Query }>(base, {
    schema: { tags, querystring: { type: 'object', additionalProperties: { type: 'string' } }, response: { 200: listSchema } },
    config: { access: 'user' },
  }, async (req, reply: FastifyReply) => {
    const result = await listRows(createCtx(app, req), m, req.query)
    return reply.type('application/json').serializer(Array.isArray(result) ? array : page).send(result)
  })

  app.post(base, {
    schema: { tags, response: { 201: ref } },
    config: { access: 'user' },
  }, async (req, reply) => reply.code(201).send(await createRow(createCtx(app, req), m, req.body)))

  app.get<{ Params: Params; Querystring: Query }>(`${base}/:instance_id`, {
    schema: { tags, params: IdParams, response: { 200: ref } },
    config: { access: 'user' },
  }, (req) => getRow(createCtx(app, req), m, req.params.instance_id, req.query))

  app.put<{ Params: Params }>(`${base}/:instance_id`, {
    schema: { tags, params: IdParams, response: { 200: ref } },
    config: { access: 'user' },
  }, (req) => updateRow(createCtx(app, req), m, req.params.instance_id, req.body))

  app.delete<{ Params: Params; Querystring: Query }>(`${base}/:instance_id`, {
    schema: { tags, params: IdParams },
    config: { access: 'user' },
  }, async (req, reply) => {
    await deleteRow(createCtx(app, req), m, req.params.instance_id, req.query)
    return reply.code(204).send()
  })
}
