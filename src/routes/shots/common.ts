// Small helpers shared by the shots blueprint's sub-plugins.
import type { FastifyRequest } from 'fastify'
import type { Row } from '../../lib/serialize.ts'

/** Zou's query booleans: true only for the string "true" (any case). */
export const flag = (value: string | undefined) => (value ?? '').toLowerCase() === 'true'

/** Zou validates form or query values when a request has no JSON body. */
export async function bodyOrQuery(req: FastifyRequest): Promise<void> {
  if (req.body === undefined || req.body === null) req.body = { ...(req.query as Row) }
}

/**
 * A body check run inside the handler, after the lookups and access checks Zou makes first;
 * failures give the usual "Validation error." 400.
 */
export function bodyCheck(req: FastifyRequest, schema: object): (body: unknown) => void {
  const validate = req.compileValidationSchema(schema, 'body')
  return (body) => {
    if (!validate(body)) {
      throw Object.assign(new Error('Validation error.'), { statusCode: 400, validation: validate.errors, validationContext: 'body' })
    }
  }
}
