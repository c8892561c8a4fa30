// The real-time event stream (events.md §4): filled in by the events issue.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'

export default fp(
  async function eventStream(_app: FastifyInstance, _opts: { config: Config }) {},
  { name: 'event-stream', dependencies: ['events'] },
)
