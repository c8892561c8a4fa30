// Zou reads these bodies from the query string when no JSON body is sent, so a bare request
// answers the field-by-field validation error rather than a body-type error.
import type { FastifyRequest } from 'fastify'

export async function formFallback(req: FastifyRequest) {
  req.body ??= { ...(req.query as Record<string, unknown>) }
}
