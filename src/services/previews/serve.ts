// Serving a preview file's stored variants (files-and-previews.md §5.5): which bucket and key
// each URL reads, with Zou's fallbacks (the original movie falls back to the low-definition
// one, then the source), content types, and download names. Shared by the authenticated
// routes and the guest routes of shared playlists.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Pool } from '../../db/client.ts'
import type { Config } from '../../config.ts'
import type { Bucket, Storage, StoredObject } from '../../storage/index.ts'
import { sendStoredFile, type StoredFile } from '../../lib/file-response.ts'
import { notFound } from '../../lib/errors.ts'
import { slugify } from '../../lib/slug.ts'
import { fullNameJoins, fullNameSql } from '../entities/full-name.ts'

/** The preview row fields serving needs. */
export interface ServedPreview {
  id: string
  extension: string | null
  updated_at: Date | null
}

export type PreviewVariant =
  | 'movie' | 'movie-low' | 'movie-source' | 'tile'
  | 'original' | 'preview' | 'thumbnail' | 'thumbnail-square'
  | 'file'

const SOURCES: Record<PreviewVariant, Array<[Bucket, string]>> = {
  movie: [['movies', 'previews'], ['movies', 'lowdef'], ['movies', 'source']],
  'movie-low': [['movies', 'lowdef'], ['movies', 'previews'], ['movies', 'source']],
  'movie-source': [['movies', 'source']],
  tile: [['pictures', 'tiles']],
  original: [['pictures', 'original']],
  preview: [['pictures', 'previews']],
  thumbnail: [['pictures', 'thumbnails']],
  'thumbnail-square': [['pictures', 'thumbnails-square']],
  file: [['files', 'previews']],
}

/** The variant a download of the row's own file reads (`…/download` routes). */
export function downloadVariant(extension: string | null): PreviewVariant {
  if (extension === 'png') return 'original'
  if (extension === 'mp4') return 'movie'
  return 'file'
}

export function contentTypeOf(variant: PreviewVariant, extension: string | null): string {
  if (variant.startsWith('movie')) return 'video/mp4'
  if (variant !== 'file') return 'image/png'
  return extension === 'pdf' ? 'application/pdf' : 'application/octet-stream'
}

/** The first stored key of the variant's fallback chain, or null. */
export async function storedVariant(storage: Storage, previewId: string, variant: PreviewVariant): Promise<[Bucket, string, StoredObject] | null> {
  for (const [bucket, prefix] of SOURCES[variant]) {
    const key = `${prefix}-${previewId}`
    const stat = await storage.stat(bucket, key)
    if (stat) return [bucket, key, stat]
  }
  return null
}

export async function sendPreviewVariant(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: { storage: Storage; config: Config },
  preview: ServedPreview,
  variant: PreviewVariant,
  opts: { downloadName?: string } = {},
) {
  const found = await storedVariant(deps.storage, preview.id, variant)
  if (!found) throw notFound()
  const ext = variant === 'file' ? (preview.extension ?? 'bin') : variant.startsWith('movie') ? 'mp4' : 'png'
  return sendStoredFile(req, reply, deps.storage, {
    bucket: found[0],
    key: found[1],
    // Already read while finding the variant: one stat (an S3 HEAD) per request, not two.
    stored: found[2],
    mimetype: contentTypeOf(variant, preview.extension),
    updatedAt: preview.updated_at,
    downloadName: opts.downloadName ?? `${preview.id}.${ext}`,
    inline: !opts.downloadName,
    cacheControl: `private, max-age=${deps.config.clientCacheMaxAge}`,
  })
}

/**
 * Download names (routes.md §9): the original file name when the organisation asks for it
 * and the preview has one, else slug(`<project>_<entity full name>_<task type>_v<revision>`),
 * `-<position>` when position > 1, then `.<extension>`. One query for any number of previews.
 */
export async function previewDownloadNames(pool: Pool, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const full = fullNameSql('e', 'et')
  const { rows } = await pool.query(
    `SELECT pf.id, pf.original_name, pf.extension, pf.revision, pf.position, p.name AS project_name,
            ${full.name} AS entity_name, tt.name AS task_type_name,
            COALESCE((SELECT use_original_file_name FROM organisation ORDER BY created_at LIMIT 1), false) AS use_original
       FROM preview_file pf
       LEFT JOIN task t ON t.id = pf.task_id
       LEFT JOIN task_type tt ON tt.id = t.task_type_id
       LEFT JOIN project p ON p.id = t.project_id
       LEFT JOIN entity e ON e.id = t.entity_id
       LEFT JOIN entity_type et ON et.id = e.entity_type_id
       ${fullNameJoins('e')}
      WHERE pf.id = ANY($1::uuid[])`,
    [ids],
  )
  return new Map(rows.map((r) => {
    const ext = r.extension ?? 'bin'
    if (r.use_original && r.original_name) return [r.id, `${r.original_name}.${ext}`]
    let base = slugify(`${r.project_name ?? ''}_${r.entity_name ?? ''}_${r.task_type_name ?? ''}_v${r.revision ?? 1}`, '_')
    if ((r.position ?? 1) > 1) base += `-${r.position}`
    return [r.id, `${base}.${ext}`]
  }))
}

/** A variant a link or download can name: the stored variants, or the row's own file. */
export type PreviewFileVariant = PreviewVariant | 'download'

/**
 * The stored file a variant serves, as the serving routes send it (null: nothing stored):
 * the variants inline under `<id>.<ext>`; `download` = the row's own file as an attachment
 * under its download name (routes.md §9). Used by signed download links.
 */
export async function previewStoredFile(
  deps: { storage: Storage; pool: Pool },
  preview: ServedPreview,
  variant: PreviewFileVariant,
): Promise<StoredFile | null> {
  const served = variant === 'download' ? downloadVariant(preview.extension) : variant
  const found = await storedVariant(deps.storage, preview.id, served)
  if (!found) return null
  const ext = served === 'file' ? (preview.extension ?? 'bin') : served.startsWith('movie') ? 'mp4' : 'png'
  const downloadName = variant === 'download'
    ? ((await previewDownloadNames(deps.pool, [preview.id])).get(preview.id) ?? `${preview.id}.${ext}`)
    : `${preview.id}.${ext}`
  return {
    bucket: found[0],
    key: found[1],
    mimetype: contentTypeOf(served, preview.extension),
    updatedAt: preview.updated_at,
    downloadName,
    inline: variant !== 'download',
  }
}
