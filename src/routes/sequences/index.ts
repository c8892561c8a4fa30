// routes.md §3: the sequence and episode routes of the shots blueprint (shots, scenes and
// quotas live in routes/shots; an episode's edits in routes/edits).
import type { FastifyInstance } from 'fastify'
import sequences from './sequences.ts'
import episodes from './episodes.ts'
import byProject from './by-project.ts'

export default async function sequencesRoutes(app: FastifyInstance) {
  await app.register(sequences)
  await app.register(episodes)
  await app.register(byProject)
}
