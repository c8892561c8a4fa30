// routes.md §9 (preview serving and actions): every route at the root and under /api, allowed
// and refused per role — PREVIEW-READ / THUMB-READ (TA), MPA for frame extraction, PA + EA
// without clients for set-main-preview, TAA for positions, the annotation rule, ADMIN lists.
import { beforeAll } from 'vitest'
import {
  MANAGERS, TEAM, routeTable, useRoleProduction, type RouteRow, type TableRole,
} from '../../helpers/route-table.ts'
import { newComment, newPreview } from '../tasks/helpers.ts'
import { frameAt, mp4Of, pngOf, storePictureVariants } from './helpers.ts'

const file = useRoleProduction()
const app = () => file.t.app
let picture: string
let movie: string
let attachment: string

beforeAll(async () => {
  const comment = await newComment(app(), file.prod.task.id, file.people.manager.id)
  picture = (await newPreview(app(), file.prod.task.id, comment.id)).id
  await storePictureVariants(app(), picture)
  await app().storage.put('files', `previews-${picture}`, Buffer.from('%PDF-1.4 fake'))
  const annotations = [frameAt(0, [{ id: 'a', type: 'rect', left: 10, top: 10, width: 50, height: 40, stroke: '#ff0000', strokeWidth: 4 }])]
  movie = (await newPreview(app(), file.prod.task.id, comment.id, { extension: 'mp4', revision: 2, annotations })).id
  const clip = await mp4Of()
  for (const prefix of ['previews', 'lowdef', 'source']) await app().storage.put('movies', `${prefix}-${movie}`, clip)
  await app().storage.put('pictures', `tiles-${movie}`, await pngOf(64, 48))
  attachment = (await app().db.attachmentFile.create({ data: { name: 'a.png', extension: 'png', mimetype: 'image/png', comment_id: comment.id } })).id
  await app().storage.put('pictures', `thumbnails-${attachment}`, await pngOf(20, 20))
})

const NO_CLIENT: readonly TableRole[] = TEAM.filter((r) => r !== 'client')
const TAA: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'client', 'vendor']
const ANNOTATORS: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'client']
const get = (roles: readonly TableRole[], path: string, url: () => string): RouteRow => ({ method: 'GET', path, roles, call: () => ({ url: url() }) })

routeTable('previews', file, [
  get(TEAM, '/movies/originals/preview-files/:instance_id.mp4', () => `/movies/originals/preview-files/${movie}.mp4`),
  get(TEAM, '/movies/originals/preview-files/:instance_id/download', () => `/movies/originals/preview-files/${movie}/download`),
  get(TEAM, '/movies/low/preview-files/:instance_id.mp4', () => `/movies/low/preview-files/${movie}.mp4`),
  get(TEAM, '/movies/source/preview-files/:instance_id.mp4', () => `/movies/source/preview-files/${movie}.mp4`),
  get(TEAM, '/movies/tiles/preview-files/:instance_id.png', () => `/movies/tiles/preview-files/${movie}.png`),
  get(TEAM, '/pictures/thumbnails/preview-files/:instance_id.png', () => `/pictures/thumbnails/preview-files/${picture}.png`),
  get(TEAM, '/pictures/thumbnails-square/preview-files/:instance_id.png', () => `/pictures/thumbnails-square/preview-files/${picture}.png`),
  get(TEAM, '/pictures/originals/preview-files/:instance_id.png', () => `/pictures/originals/preview-files/${picture}.png`),
  get(TEAM, '/pictures/previews/preview-files/:instance_id.png', () => `/pictures/previews/preview-files/${picture}.png`),
  get(TEAM, '/pictures/originals/preview-files/:instance_id.:extension', () => `/pictures/originals/preview-files/${picture}.pdf`),
  get(TEAM, '/pictures/originals/preview-files/:instance_id/download', () => `/pictures/originals/preview-files/${picture}/download`),
  get(TEAM, '/pictures/thumbnails/attachment-files/:attachment_file_id.png', () => `/pictures/thumbnails/attachment-files/${attachment}.png`),
  {
    method: 'PUT', path: '/actions/preview-files/:preview_file_id/set-main-preview', roles: NO_CLIENT,
    call: () => ({ url: `/actions/preview-files/${picture}/set-main-preview`, payload: {} }),
  },
  {
    method: 'PUT', path: '/actions/preview-files/:preview_file_id/update-position', roles: TAA,
    call: () => ({ url: `/actions/preview-files/${picture}/update-position`, payload: { position: 1 } }),
  },
  {
    method: 'PUT', path: '/actions/preview-files/:preview_file_id/update-annotations', roles: ANNOTATORS,
    call: (_f, role) => ({
      url: `/actions/preview-files/${picture}/update-annotations`,
      payload: { additions: [frameAt(0, [{ id: `o-${role}`, type: 'circle', radius: 5 }])] },
    }),
  },
  get(MANAGERS, '/actions/preview-files/:preview_file_id/extract-frame', () => `/actions/preview-files/${movie}/extract-frame?frame_number=3`),
  get(MANAGERS, '/actions/preview-files/:preview_file_id/extract-annotated-frame',
    () => `/actions/preview-files/${movie}/extract-annotated-frame?frame_number=1`),
  get(MANAGERS, '/actions/preview-files/:preview_file_id/extract-annotated-frames', () => `/actions/preview-files/${movie}/extract-annotated-frames`),
  get(MANAGERS, '/actions/preview-files/:preview_file_id/extract-annotated-frames-pdf',
    () => `/actions/preview-files/${movie}/extract-annotated-frames-pdf`),
  get(TEAM, '/actions/preview-files/:preview_file_id/extract-tile', () => `/actions/preview-files/${movie}/extract-tile`),
  get(['admin'], '/data/playlists/preview-files/running', () => '/data/playlists/preview-files/running'),
])
