// Accepting the bytes of a preview slot (routes.md §9 upload route, files-and-previews.md
// §5.1-5.4): the multipart route, batch comments and resumable uploads all end here. The
// upload is checked against its declared extension first (magic bytes, ffprobe, glTF
// header, pixel cap): a mismatch is a 400 and the slot stays free for another try. Then it
// is processed by kind; a processing failure leaves the row `broken` with the reason in
// `data.error` and answers 400 with that reason.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Ctx } from '../../crud/context.ts'
import { isUuid, modelRowSerializer, type Row } from '../../lib/serialize.ts'
import { AppError, forbidden, notFound, wrongParameter } from '../../lib/errors.ts'
import { removeTemp, type ReceivedFile } from '../../lib/receive-file.ts'
import { withTransaction } from '../../db/client.ts'
import { PictureTooLargeError, pictureSize } from '../../media/images.ts'
import { isGlb, pictureFormat, probeMovie, readHead } from '../../media/sniff.ts'
import { hasTaskAction, loadTask, type TaskFacts } from '../tasks-common.ts'
import { removePreviewRows } from '../tasks-comments.ts'
import { kindOf, splitName } from './kinds.ts'
import { processPicture } from './pictures.ts'
import { MOVIE_JOB, processMovie, type MovieJobData } from './movies.ts'
import { processOtherFile } from './other-files.ts'
import { emitPreviewUpdate, markBroken, reasonOf, updatePreview, workDir, type PipelineDeps } from './pipeline.ts'
import { finishUpload } from './finish.ts'

export type { ReceivedFile }

export interface AcceptOptions {
  /** Movies: normalise (default true). */
  normalize?: boolean
  /** Movies: process inside the request rather than in the job queue. */
  noJob?: boolean
}

const serializePreview = modelRowSerializer('PreviewFile')

export const pipelineDeps = (ctx: Ctx): PipelineDeps => ({ pool: ctx.pool, storage: ctx.storage, config: ctx.config, events: ctx.events, userId: ctx.actor.id })

const reuploadRefused = () =>
  new AppError(400, { error: true, message: 'A file was already uploaded for this preview file: re-uploading is not allowed.' })

/** Takes the slot for this upload (original_name set): a concurrent upload of the same row loses. */
async function claimSlot(ctx: Ctx, id: string, originalName: string): Promise<void> {
  const { rowCount } = await ctx.pool.query(
    'UPDATE preview_file SET original_name = $2, updated_at = now() WHERE id = $1 AND original_name IS NULL',
    [id, originalName],
  )
  if (!rowCount) throw reuploadRefused()
}

/** Zou's order: 404 (no row), 400 (already uploaded), then TAA on the preview's task. */
export async function checkUploadable(ctx: Ctx, previewFileId: string): Promise<{ preview: Row; task: TaskFacts }> {
  if (!isUuid(previewFileId)) throw notFound()
  const { rows } = await ctx.pool.query('SELECT * FROM preview_file WHERE id = $1', [previewFileId])
  const preview = rows[0]
  if (!preview) throw notFound()
  if (preview.original_name) {
    throw reuploadRefused()
  }
  if (!preview.task_id) {
    if (!ctx.isAdmin) throw forbidden()
    throw wrongParameter('This preview file is not linked to a task.')
  }
  const task = await loadTask(ctx, preview.task_id)
  if (!(await hasTaskAction(ctx, task))) throw forbidden()
  return { preview, task }
}

const mismatch = (extension: string, detail?: string) =>
  wrongParameter(`The file content does not match its extension: ${extension}${detail ? ` (${detail})` : ''}.`)

/** Refuses content that is not what its extension says, before anything is stored. */
async function checkContent(path: string, kind: 'picture' | 'movie' | 'file', extension: string, maxPixels: number): Promise<void> {
  const head = await readHead(path, 64)
  if (kind === 'picture') {
    if (!pictureFormat(head)) throw mismatch(extension)
    try {
      await pictureSize(path, maxPixels)
    } catch (err) {
      if (err instanceof PictureTooLargeError) throw wrongParameter(err.message)
      throw mismatch(extension, 'unreadable picture')
    }
  } else if (kind === 'movie') {
    const checked = await probeMovie(path)
    if ('reason' in checked) throw mismatch(extension, checked.reason)
  } else if (extension === 'glb' && !isGlb(head)) {
    throw mismatch(extension)
  } else if (extension === 'gltf' && head.toString('utf8').trimStart()[0] !== '{') {
    throw mismatch(extension)
  }
}

const failed = (message: string, err: unknown) => new AppError(400, { error: true, message, data: { reason: reasonOf(err) } })

/** Checks TAA on the preview's task, processes by type, returns the updated row (201 body). */
export async function acceptPreviewFile(ctx: Ctx, previewFileId: string, file: ReceivedFile, opts: AcceptOptions = {}): Promise<Row> {
  const deps = pipelineDeps(ctx)
  let dir: string | null = null
  try {
    const { preview, task } = await checkUploadable(ctx, previewFileId)
    const id = preview.id as string
    const { name, extension } = splitName(file.filename)
    const kind = kindOf(extension)
    if (!kind) {
      await withTransaction(ctx.pool, (client) => removePreviewRows(client, [id]))
      throw wrongParameter(`Wrong file format, extension: ${extension}`)
    }
    const size = (await stat(file.path)).size
    if (size === 0) throw wrongParameter('The uploaded file is empty.')
    await checkContent(file.path, kind, extension, ctx.config.previews.maxImagePixels)
    const originalName = name.slice(0, 250)
    await claimSlot(ctx, id, originalName)

    let row: Row | null
    if (kind === 'picture') {
      dir = await workDir(ctx.config, id)
      try {
        const fields = await processPicture(ctx.storage, id, file.path, dir, ctx.config.previews.maxImagePixels)
        row = await updatePreview(ctx.pool, id, { ...fields, original_name: originalName })
      } catch (err) {
        await updatePreview(ctx.pool, id, { original_name: originalName, extension: 'png' })
        await markBroken(deps, id, err)
        throw failed('Picture preview processing failed.', err)
      }
    } else if (kind === 'movie') {
      row = await updatePreview(ctx.pool, id, { extension: 'mp4', original_name: originalName })
      if (row) await emitPreviewUpdate(deps, row)
      const normalize = opts.normalize !== false
      if (opts.noJob) {
        try {
          row = await processMovie(deps, id, file.path, { normalize, storeSource: ctx.config.previews.saveSourceFile })
        } catch (err) {
          throw failed(normalize ? 'Movie preview normalization failed.' : 'Movie preview processing failed (normalization disabled).', err)
        }
      } else {
        // Any worker can read the upload back from the storage.
        await ctx.storage.put('movies', `source-${id}`, createReadStream(file.path))
        const data: MovieJobData = { previewFileId: id, normalize, userId: ctx.actor.id }
        try {
          await ctx.jobs.send(MOVIE_JOB, data)
        } catch (err) {
          await markBroken(deps, id, err)
          throw err
        }
      }
    } else {
      const outcome = await processOtherFile(ctx.storage, id, file.path, extension, size)
      if (outcome.status === 'broken') {
        await updatePreview(ctx.pool, id, { extension, original_name: originalName, file_size: size })
        await markBroken(deps, id, outcome.reason)
        throw failed('Preview file processing failed.', outcome.reason)
      }
      row = await updatePreview(ctx.pool, id, { ...outcome.fields, original_name: originalName }, outcome.data ? { ...outcome.data } : undefined)
    }
    if (!row) throw notFound()
    if (kind !== 'movie') await emitPreviewUpdate(deps, row)
    await finishUpload(ctx, task, row)
    return serializePreview(row)
  } finally {
    await removeTemp(file.path, ...(dir ? [dir] : []))
  }
}
