// The one place that turns errors into responses: AppError → its body; Fastify's parser and
// validation errors → Zou's 4xx bodies; database errors → sanitized 400s; anything else → 500
// with a generic message (details only in the log, with the request id).
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance } from 'fastify'
import findMyWay from 'find-my-way'
import { AppError, DB_MESSAGES, NOT_FOUND_MESSAGE, badRequest, malformedRequest, notFound, tooLarge } from '../lib/errors.ts'

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'] as const

/** Maps PostgreSQL SQLSTATEs and Prisma codes to the sanitized messages of crud.md §8.3. */
export function databaseError(err: unknown): AppError | null {
  const e = err as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } }; cause?: { originalCode?: string; code?: string } }
  const code = e?.meta?.driverAdapterError?.cause?.originalCode ?? e?.cause?.originalCode ?? e?.code ?? e?.cause?.code
  if (!code || typeof code !== 'string') return null
  if (code === 'P2002' || code === '23505') return badRequest(DB_MESSAGES.unique)
  if (code === 'P2003' || code === '23503' || code === 'P2014') return badRequest(DB_MESSAGES.foreignKey)
  if (code === 'P2011' || code === '23502') return badRequest(DB_MESSAGES.notNull)
  if (code === 'P2004' || code.startsWith('23')) return badRequest(DB_MESSAGES.integrity)
  if (code === 'P2025') return notFound()
  if (['P2000', 'P2006', 'P2007', 'P2009', 'P2019', 'P2020', 'P2023'].includes(code) || code.startsWith('22')) {
    return badRequest(DB_MESSAGES.format)
  }
  return null
}

function fastifyError(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, {
        error: true,
        message: "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.",
      })
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return malformedRequest()
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tooLarge()
  }
  if (err instanceof SyntaxError && err.statusCode === 400) {
    return malformedRequest()
  }
  if (err.validation) {
    const errors = err.validation.map((v) => {
      const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.')
      const missing = (v.params as { missingProperty?: string })?.missingProperty
      const field = [path, missing].filter(Boolean).join('.') || (err.validationContext ?? 'body')
      return { field, message: missing ? 'Field required' : (v.message ?? 'Invalid value') }
    })
    return new AppError(400, { error: true, message: 'Validation error.', data: { errors } })
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError(err.statusCode, { error: true, message: err.message })
  }
  return null
}

export default fp(
  async function errors(app: FastifyInstance) {
    // Zou reads JSON bodies only: without this, Fastify's built-in text/plain parser would hand
    // handlers a string instead of answering 415 like every other non-JSON type.
    app.removeContentTypeParser('text/plain')

    // Which paths exist for some method, to tell 405 from 404 (Zou answers 405).
    const known = findMyWay({ ignoreTrailingSlash: true })
    app.addHook('onRoute', (route) => {
      const methods = ([] as string[]).concat(route.method).filter((m) => (METHODS as readonly string[]).includes(m))
      for (const m of methods) {
        try {
          known.on(m as 'GET', route.url, () => {})
        } catch {
          // the same path registered twice (e.g. HEAD added by Fastify): already known
        }
      }
    })

    app.setErrorHandler((err: FastifyError, req, reply) => {
      const known400 = err instanceof AppError ? err : (databaseError(err) ?? fastifyError(err))
      if (known400) {
        if (known400.statusCode >= 500) req.log.error({ err }, 'request failed')
        return reply.code(known400.statusCode).send(known400.body)
      }
      req.log.error({ err }, 'unhandled error')
      return reply.code(500).send({ error: true, message: 'Internal server error.' })
    })

    app.setNotFoundHandler((req, reply) => {
      const path = req.url.split('?')[0]
      const otherMethod = METHODS.some((m) => m !== req.method && known.find(m, path))
      if (otherMethod) {
        return reply.code(405).send({ error: true, message: 'The method is not allowed for the requested URL.' })
      }
      return reply.code(404).send({ error: true, message: NOT_FOUND_MESSAGE })
    })
  },
  { name: 'errors' },
)
