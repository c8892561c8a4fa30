// routes.md §9: avatars, project and organisation pictures (POST and GET, with and without
// `.png`), preview background files (POST, GET of the HDR and of its thumbnail) and the
// thumbnail POST Zou registers broken (405 here).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { createCtx } from '../../crud/context.ts'
import { AppError } from '../../lib/errors.ts'
import type { ReceivedFile } from '../../lib/receive-file.ts'
import { checkAvatarUpload, saveAvatar, sendAvatar, type AvatarKind } from '../../services/previews/avatars.ts'
import { checkBackgroundUpload, saveBackground, sendBackground, sendBackgroundThumbnail } from '../../services/previews/backgrounds.ts'
import { InstanceParams, OpenObject, ThumbnailPath } from './schemas.ts'

const tags = ['previews']
const KINDS: AvatarKind[] = ['persons', 'projects', 'organisations']
const ExtensionParams = Type.Object({ instance_id: Type.String(), extension: Type.String() })

export default async function thumbnailRoutes(app: FastifyInstance, opts: { receive: (req: FastifyRequest) => Promise<ReceivedFile> }) {
  for (const kind of KINDS) {
    for (const suffix of ['', '.png']) {
      const path = `/pictures/thumbnails/${kind}/:instance_id${suffix}`
      app.post<{ Params: InstanceParams }>(path, {
        schema: { tags, params: InstanceParams, response: { 201: ThumbnailPath } },
        config: { access: 'user' },
      }, async (req, reply) => {
        const ctx = createCtx(app, req)
        const id = await checkAvatarUpload(ctx, kind, req.params.instance_id, suffix === '.png')
        return reply.code(201).send(await saveAvatar(ctx, kind, id, await opts.receive(req)))
      })
      app.get<{ Params: InstanceParams }>(path, {
        schema: { tags, params: InstanceParams },
        config: { access: 'user' },
      }, (req, reply) => sendAvatar(createCtx(app, req), req, reply, kind, req.params.instance_id))
    }
  }

  app.post<{ Params: InstanceParams }>('/pictures/preview-background-files/:instance_id', {
    schema: { tags, params: InstanceParams, response: { 201: OpenObject } },
    config: { access: 'admin' },
  }, async (req, reply) => {
    const ctx = createCtx(app, req)
    await checkBackgroundUpload(ctx, req.params.instance_id)
    return reply.code(201).send(await saveBackground(ctx, req.params.instance_id, await opts.receive(req)))
  })

  app.get<{ Params: { instance_id: string; extension: string } }>('/pictures/preview-background-files/:instance_id.:extension', {
    schema: { tags, params: ExtensionParams },
    config: { access: 'user' },
  }, (req, reply) => sendBackground(createCtx(app, req), req, reply, req.params.instance_id, req.params.extension))

  app.get<{ Params: InstanceParams }>('/pictures/thumbnails/preview-background-files/:instance_id.png', {
    schema: { tags, params: InstanceParams },
    config: { access: 'user' },
  }, (req, reply) => sendBackgroundThumbnail(createCtx(app, req), req, reply, req.params.instance_id))

  // Zou registers this POST but raises "Method not allowed" (a 500): the right answer is 405.
  app.post('/pictures/thumbnails/preview-background-files/:instance_id.png', {
    schema: { tags, params: InstanceParams },
    config: { access: 'user' },
  }, async () => {
    throw new AppError(405, { error: true, message: 'The method is not allowed for the requested URL.' })
  })
}
