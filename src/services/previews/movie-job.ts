// The `preview-movie` job, defined while the app registers its routes: the API process works
// it unless JOB_WORKER=off, in which case `slate worker` (the same app, not listening) does.
// A job that fails (or whose handler throws) leaves its preview `broken`.
import type { FastifyInstance } from 'fastify'
import { MOVIE_JOB, runMovieJob, type MovieJobData } from './movies.ts'
import { markBroken, type PipelineDeps } from './pipeline.ts'

const depsOf = (app: FastifyInstance, userId: string | null): PipelineDeps =>
  ({ pool: app.pool, storage: app.storage, config: app.config, events: app.events, userId })

export function defineMovieJob(app: FastifyInstance): void {
  app.jobs.define<MovieJobData>(MOVIE_JOB, (data) => runMovieJob(depsOf(app, data.userId), data), {
    onFailure: (data, err) => markBroken(depsOf(app, data.userId), data.previewFileId, err),
  })
}
