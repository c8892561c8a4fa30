// What happens once every byte of an upload has arrived: the assembled temp file is read
// once, hashed (SHA-256) on the way, and handed to its target — the files storage for
// working and output files, the preview pipeline (acceptPreviewFile) for preview files.
// Runs after the final PATCH has been answered; the upload row tells the outcome.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import type { Ctx } from '../../crud/context.ts'
import { AppError } from '../../lib/errors.ts'
import { acceptPreviewFile } from '../previews/accept.ts'
import { markActive, markFailed, type UploadRow } from './records.ts'

/** Storage keys of the targets stored as they are (files bucket). */
export const STORED_KEY_PREFIX = { 'output-file': 'outputs', 'working-file': 'working' } as const

export interface AssembledFile {
  /** The tus data file (complete). */
  path: string
  /** Removes the tus data file and its metadata, whatever is left of them. */
  discard: () => Promise<void>
}

/** A pass-through that hashes what flows through it. */
function hashing(): { stream: Transform; digest: () => string } {
  const hash = createHash('sha256')
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk)
      cb(null, chunk)
    },
  })
  return { stream, digest: () => hash.digest('hex') }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** A reason a client can read in the upload record; internal errors stay in the log. */
function reasonOf(err: unknown): string {
  if (err instanceof AppError) return err.message
  return 'The file could not be stored.'
}

/** Never throws: every failure ends as `failed` with its reason. */
export async function completeUpload(ctx: Ctx, upload: UploadRow, file: AssembledFile, log: (err: unknown) => void): Promise<void> {
  let sha256: string | null = null
  try {
    if (upload.target_type === 'preview-file') {
      sha256 = await sha256Of(file.path)
      // The pipeline takes ownership of its temp file: move it out of the tus folder first.
      const own = join(ctx.config.tmpDir, `upload-${upload.id}`)
      await rename(file.path, own)
      await file.discard()
      try {
        await acceptPreviewFile(ctx, upload.target_id, { path: own, filename: upload.filename, size: Number(upload.size) })
      } catch (err) {
        await rm(own, { force: true }) // refused: the file is still ours
        throw err
      }
    } else {
      const key = `${STORED_KEY_PREFIX[upload.target_type]}-${upload.target_id}`
      const source = createReadStream(file.path)
      const hash = hashing()
      source.on('error', (err) => hash.stream.destroy(err))
      const stored = await ctx.storage.put('files', key, source.pipe(hash.stream))
      sha256 = hash.digest()
      await file.discard()
      if (stored.size !== Number(upload.size)) throw new Error(`stored ${stored.size} bytes of ${upload.size}`)
    }
    await markActive(ctx.pool, upload.id, sha256)
  } catch (err) {
    if (!(err instanceof AppError)) log(err)
    await file.discard().catch(() => {})
    await markFailed(ctx.pool, upload.id, reasonOf(err), sha256).catch(log)
  }
}
