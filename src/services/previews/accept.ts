// Accepting the bytes of a preview slot (routes.md §9 upload route, files-and-previews.md
// §5.1-5.4): the multipart route, batch comments and resumable uploads all end here.
// Filled in by the preview pipeline.
import type { Ctx } from '../../crud/context.ts'
import type { Row } from '../../lib/serialize.ts'
import { AppError } from '../../lib/errors.ts'

/** An uploaded file already written to TMP_DIR; acceptPreviewFile takes ownership of it. */
export interface ReceivedFile {
  path: string
  /** The client's file name (its extension picks the processing). */
  filename: string
  size: number
}

export interface AcceptOptions {
  /** Movies: normalise (default true). */
  normalize?: boolean
  /** Movies: process inside the request rather than in the job queue. */
  noJob?: boolean
}

/** Checks TAA on the preview's task, processes by type, returns the updated row (201 body). */
export async function acceptPreviewFile(_ctx: Ctx, _previewFileId: string, _file: ReceivedFile, _opts: AcceptOptions = {}): Promise<Row> {
  throw new AppError(501, { error: true, message: 'Preview processing is not available yet.' })
}
