// What a resumable upload is for: the Upload-Metadata of the creation request names a row
// (`target` + `id`) and the client's `filename`; the caller's right on that row is checked
// before any byte is accepted, with the rule of the matching multipart route.
import { basename } from 'node:path'
import type { Ctx } from '../../crud/context.ts'
import { forbidden, invalid, notFound } from '../../lib/errors.ts'
import { isUuid } from '../../lib/serialize.ts'
import { requireProjectAccess } from '../access.ts'
import { hasTaskAction, loadTask, requireTaskRead } from '../tasks-common.ts'
import type { TargetType } from './records.ts'

export const TARGET_TYPES: readonly TargetType[] = ['preview-file', 'output-file', 'working-file']

export interface UploadTarget {
  type: TargetType
  id: string
  filename: string
}

const badMetadata = (why: string) => invalid(`Invalid Upload-Metadata: ${why}.`)

/** tus Upload-Metadata: `key base64value` pairs separated by commas (a key may have no value). */
export function parseMetadata(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>()
  if (!header) return out
  for (const pair of header.split(',')) {
    const [key, value, ...rest] = pair.trim().split(' ')
    if (!key || rest.length || out.has(key)) throw badMetadata('malformed pairs')
    if (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw badMetadata(`the value of "${key}" is not base64`)
    out.set(key, value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8'))
  }
  return out
}

/** The target named by the metadata (400 when it names none, or badly). */
export function readTarget(metadata: Map<string, string>): UploadTarget {
  const type = metadata.get('target') as TargetType | undefined
  if (!type || !TARGET_TYPES.includes(type)) throw badMetadata(`"target" must be one of ${TARGET_TYPES.join(', ')}`)
  const id = metadata.get('id')
  if (!isUuid(id)) throw badMetadata('"id" must be a UUID')
  // Only the last path part of the client's name is kept; it names downloads and picks preview processing.
  const filename = basename((metadata.get('filename') ?? '').replace(/\\/g, '/')).trim()
  if (!filename || filename === '.' || filename === '..' || filename.length > 250 || /[\u0000-\u001f\u007f]/.test(filename)) {
    throw badMetadata('"filename" must be a file name of 1 to 250 characters')
  }
  return { type, id: id.toLowerCase(), filename }
}

/** 404 when the row is gone, 400 for a preview that already has its file, 403 without the right. */
export async function checkTargetAccess(ctx: Ctx, target: UploadTarget): Promise<void> {
  if (target.type === 'preview-file') return checkPreviewFile(ctx, target.id)
  if (target.type === 'working-file') return checkWorkingFile(ctx, target.id)
  await requireOutputFileAccess(ctx, target.id)
}

/** routes.md §9 upload route: one upload per preview row, then TAA on its task. */
async function checkPreviewFile(ctx: Ctx, id: string): Promise<void> {
  const { rows } = await ctx.pool.query('SELECT task_id, original_name FROM preview_file WHERE id = $1::uuid', [id])
  if (!rows[0]) throw notFound()
  if (rows[0].original_name) throw invalid('This preview file already has its uploaded file.')
  const task = await loadTask(ctx, rows[0].task_id)
  if (!(await hasTaskAction(ctx, task))) throw forbidden()
}

/** routes.md §8 POST /data/working-files/:id/file: TA on the working file's task. */
async function checkWorkingFile(ctx: Ctx, id: string): Promise<void> {
  const { rows } = await ctx.pool.query('SELECT task_id FROM working_file WHERE id = $1::uuid', [id])
  if (!rows[0]) throw notFound()
  await requireTaskRead(ctx, await loadTask(ctx, rows[0].task_id))
}

/** PA on the project of the output file's entity (404 for an unknown or malformed id). */
export async function requireOutputFileAccess(ctx: Ctx, id: string): Promise<{ id: string; name: string; extension: string | null; path: string | null }> {
  if (!isUuid(id)) throw notFound()
  const { rows } = await ctx.pool.query(
    `SELECT o.id, o.name, o.extension, o.path, e.project_id
       FROM output_file o LEFT JOIN entity e ON e.id = o.entity_id WHERE o.id = $1::uuid`,
    [id],
  )
  if (!rows[0]) throw notFound()
  await requireProjectAccess(ctx, rows[0].project_id)
  return rows[0]
}
