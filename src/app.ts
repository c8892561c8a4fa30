// buildApp(): the whole API as a Fastify instance, plugins registered in a fixed, visible
// order. It never listens (server.ts does); tests use app.inject().
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import type { Config } from './config.ts'
import type { Pool } from './db/client.ts'
import db from './plugins/db.ts'
import errors from './plugins/errors.ts'
import http from './plugins/http.ts'
import schemas from './plugins/schemas.ts'
import auth from './plugins/auth.ts'
import access from './plugins/access.ts'
import events from './plugins/events.ts'
import storage from './plugins/storage.ts'
import mail from './plugins/mail.ts'
import jobs from './plugins/jobs.ts'
import eventStream from './plugins/event-stream.ts'
import rateLimits from './plugins/rate-limit.ts'
import docs from './plugins/docs.ts'
import crud from './crud/index.ts'
import indexRoutes from './routes/index/index.ts'
import authRoutes from './routes/auth/index.ts'
import eventRoutes from './routes/events/index.ts'
import assetsRoutes from './routes/assets/index.ts'
import shotsRoutes from './routes/shots/index.ts'
import sequencesRoutes from './routes/sequences/index.ts'
import breakdownRoutes from './routes/breakdown/index.ts'
import conceptsRoutes from './routes/concepts/index.ts'
import editsRoutes from './routes/edits/index.ts'
import entitiesRoutes from './routes/entities/index.ts'
import projectsRoutes from './routes/projects/index.ts'
import departmentsRoutes from './routes/departments/index.ts'
import projectTemplatesRoutes from './routes/project-templates/index.ts'
import accountRoutes from './routes/accounts/index.ts'
import tasksRoutes from './routes/tasks/index.ts'
import commentsRoutes from './routes/comments/index.ts'
import personsRoutes from './routes/persons/index.ts'
import userRoutes from './routes/user/index.ts'
import newsRoutes from './routes/news/index.ts'
import chatsRoutes from './routes/chats/index.ts'
import searchRoutes from './routes/search/index.ts'
import filesRoutes from './routes/files/index.ts'
import previewUploadRoutes from './routes/preview-uploads/index.ts'
import previewRoutes from './routes/previews/index.ts'
import uploadRoutes from './routes/uploads/index.ts'
import playlistRoutes from './routes/playlists/index.ts'
import sharedPlaylistRoutes from './routes/shared-playlists/index.ts'
import signedRoutes from './routes/signed/index.ts'

export interface BuildOptions {
  config: Config
  /** The pool to use; when absent one is created from databaseUrl and closed with the app. */
  pool?: Pool
  databaseUrl?: string
  logger?: boolean | object
  /** Extra plugins registered last (the bench's ceiling route, test-only routes). */
  extra?: Array<(app: FastifyInstance) => Promise<void>>
}

/** Kitsu deployments put the API under /api: both /x and /api/x reach the same route. */
export function stripApiPrefix(url: string): string {
  if (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')) return url.slice(4) || '/'
  return url
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    rewriteUrl: (req) => stripApiPrefix(req.url ?? '/'),
    bodyLimit: Math.min(config.maxContentLength || Number.MAX_SAFE_INTEGER, 64 * 1024 * 1024),
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
    // Two log lines per request would cost more than most requests; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
  })

  await app.register(db, { databaseUrl: opts.databaseUrl, pool: opts.pool })
  await app.register(errors)
  await app.register(http, { config })
  await app.register(docs)
  await app.register(schemas)
  await app.register(auth, { config })
  await app.register(access)
  await app.register(events)
  await app.register(storage, { config })
  await app.register(mail, { config })
  await app.register(jobs, { config })
  await app.register(rateLimits, { config })
  await app.register(crud)
  await app.register(indexRoutes, { config })
  await app.register(authRoutes, { config })
  await app.register(eventRoutes)
  await app.register(assetsRoutes)
  await app.register(shotsRoutes)
  await app.register(sequencesRoutes)
  await app.register(breakdownRoutes)
  await app.register(conceptsRoutes)
  await app.register(editsRoutes)
  await app.register(entitiesRoutes)
  await app.register(projectsRoutes)
  await app.register(departmentsRoutes)
  await app.register(projectTemplatesRoutes)
  await app.register(accountRoutes)
  await app.register(tasksRoutes)
  await app.register(commentsRoutes)
  await app.register(personsRoutes)
  await app.register(userRoutes)
  await app.register(newsRoutes)
  await app.register(chatsRoutes)
  await app.register(searchRoutes)
  await app.register(filesRoutes)
  await app.register(previewUploadRoutes)
  await app.register(previewRoutes)
  await app.register(uploadRoutes)
  await app.register(playlistRoutes)
  await app.register(sharedPlaylistRoutes)
  await app.register(signedRoutes)
  await app.register(eventStream, { config })
  for (const plugin of opts.extra ?? []) await app.register(plugin)
  return app
}
