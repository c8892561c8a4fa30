// What clients read before logging in (routes.md §20): the API index that Kitsu and gazu
// use to detect a Zou API, the status probes, the instance statistics and the login
// page's /config; and §24's configuration check for operators (only with ADMIN_TOKEN).
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.ts'
import { VERSION } from '../../version.ts'
import { forbidden } from '../../lib/errors.ts'
import { instanceStats, probe, resources } from '../../services/status.ts'

const obj = (properties: Record<string, unknown>) => ({ type: 'object', properties })
const bool = { type: 'boolean' }
const int = { type: 'integer' }
const str = { type: 'string' }
const FLAGS = ['database-up', 'key-value-store-up', 'event-stream-up', 'job-queue-up', 'indexer-up'] as const

export default async function indexRoutes(app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts

  app.route({
    method: ['GET', 'HEAD'],
    url: '/',
    schema: { tags: ['index'], response: { 200: obj({ api: str, version: str }) } },
    config: { access: 'public' },
    // Zou: `api` is "Zou" so clients that check it accept Slate.
    handler: async () => ({ api: 'Zou', version: VERSION }),
  })

  app.get('/status', {
    schema: { tags: ['index'], response: { 200: obj({ name: str, version: str, ...Object.fromEntries(FLAGS.map((f) => [f, bool])) }) } },
    config: { access: 'public' },
  }, async () => ({ name: 'Zou', version: VERSION, ...(await probe(app)) }))

  app.get('/status/influx', {
    schema: { tags: ['index'], response: { 200: obj({ ...Object.fromEntries(FLAGS.map((f) => [f, int])), time: { type: 'number' } }) } },
    config: { access: 'public' },
  }, async () => {
    const flags = await probe(app)
    return { ...Object.fromEntries(FLAGS.map((f) => [f, flags[f] ? 1 : 0])), time: Date.now() / 1000 }
  })

  app.get('/status/resources', {
    schema: { tags: ['index'], response: { 200: { type: 'object', additionalProperties: true } } },
    config: { access: 'public' },
  }, () => resources())

  app.get('/status.txt', {
    schema: { tags: ['index'], response: { 200: str } },
    config: { access: 'public' },
  }, async (_req, reply) => {
    const flags = await probe(app)
    const order = ['database-up', 'event-stream-up', 'key-value-store-up', 'job-queue-up', 'indexer-up'] as const
    reply.type('text/plain; charset=utf-8')
    return [`name: Zou`, `version: ${VERSION}`, ...order.map((f) => `${f}: ${flags[f] ? 'up' : 'down'}`)].join('\n')
  })

  app.get('/status/test-event', {
    schema: { tags: ['index'], response: { 200: obj({ success: bool }) } },
    config: { access: 'public' },
  }, async () => {
    await app.events.emit('main:test', {}, { persist: false })
    return { success: true }
  })

  app.get('/stats', {
    schema: {
      tags: ['index'],
      response: { 200: obj({ number_of_video_previews: int, number_of_picture_previews: int, number_of_model_previews: int, number_of_comments: int }) },
    },
    config: { access: 'admin' },
  }, () => instanceStats(app))

  app.get('/config', {
    schema: { tags: ['index'], response: { 200: { type: 'object', additionalProperties: true } } },
    config: { access: 'public' },
  }, async () => {
    const org = await app.db.organisation.findFirst({ select: { dark_theme_by_default: true }, orderBy: { created_at: 'asc' } })
    return {
      is_self_hosted: true, crisp_token: '', dark_theme_by_default: org?.dark_theme_by_default ?? false,
      indexer_configured: true, saml_enabled: config.saml.enabled, saml_idp_name: config.saml.idpName,
      oidc_enabled: false, oidc_idp_name: '',
      default_locale: config.defaultLocale, default_timezone: config.defaultTimezone, enforce_2fa: config.enforce2fa,
    }
  })

  if (config.adminToken) {
    const expected = Buffer.from(`Bearer ${config.adminToken}`)
    const pair = (value: unknown) => ({ env: value, redis: value })
    app.get('/admin/config/check', {
      schema: { tags: ['index'], response: { 200: { type: 'object', additionalProperties: true } } },
      config: { access: 'public' },
    }, async (req) => {
      const given = Buffer.from(req.headers.authorization ?? '')
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw forbidden()
      const active = await app.pool.query(`SELECT count(*)::int AS n FROM person WHERE active AND NOT is_bot AND NOT COALESCE(is_guest, false)`)
        .then((r) => r.rows[0].n as number, () => null)
      // Slate keeps no Redis copy of these settings: both columns show the one value in use.
      return {
        user_limit: pair(config.userLimit), default_timezone: pair(config.defaultTimezone), default_locale: pair(config.defaultLocale),
        nomad_host: pair(null), nomad_normalize_job: pair(null), nomad_playlist_job: pair(null), active_users: active,
      }
    })
  }
}
