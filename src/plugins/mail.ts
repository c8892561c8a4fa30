// Decorates the app with the mailer (services/mailer.ts), closed with the app.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'
import { createMailer, type Mailer } from '../services/mailer.ts'

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer
  }
}

export default fp(
  async function mail(app: FastifyInstance, opts: { config: Config }) {
    const mailer = createMailer(opts.config, app.log)
    app.decorate('mailer', mailer)
    app.addHook('onClose', async () => mailer.close())
  },
  { name: 'mail' },
)
