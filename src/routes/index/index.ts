// What clients read before logging in (routes.md §20): the API index that Kitsu and gazu
// use to detect a Zou API, the status probes and the login page's /config.
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.ts'
import { VERSION } from '../../version.ts'

const IndexResponse = { type: 'object', properties: { api: { type: 'string' }, version: { type: 'string' } } }

export default async function indexRoutes(app: FastifyInstance, opts: { config: Config }) {
  app.route({
    method: ['GET', 'HEAD'],
    url: '/',
    schema: { tags: ['index'], response: { 200: IndexResponse } },
    config: { access: 'public' },
    // Zou: `api` is "Zou" so clients that check it accept Slate.
    handler: async () => ({ api: 'Zou', version: VERSION }),
  })

  app.get('/status', {
    schema: { tags: ['index'] },
    config: { access: 'public' },
  }, async () => {
    const databaseUp = await app.pool.query('SELECT 1').then(() => true, () => false)
    return {
      name: 'Zou', version: VERSION, 'database-up': databaseUp,
      'key-value-store-up': databaseUp, 'event-stream-up': true, 'job-queue-up': true, 'indexer-up': databaseUp,
    }
  })

  app.get('/config', {
    schema: { tags: ['index'] },
    config: { access: 'public' },
  }, async () => {
    const org = await app.db.organisation.findFirst({ select: { dark_theme_by_default: true }, orderBy: { created_at: 'asc' } })
    return {
      is_self_hosted: true, crisp_token: '', dark_theme_by_default: org?.dark_theme_by_default ?? false,
      indexer_configured: true, saml_enabled: false, saml_idp_name: '', oidc_enabled: opts.config.oidc.enabled, oidc_idp_name: opts.config.oidc.idpName,
      default_locale: opts.config.defaultLocale, default_timezone: opts.config.defaultTimezone, enforce_2fa: false,
    }
  })
}
