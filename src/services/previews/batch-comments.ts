// POST /actions/tasks/:task_id/batch-comment and POST /actions/tasks/batch-comment (routes.md
// §9): several comments at once, each posted like POST /actions/tasks/:task_id/comment (the
// comment service), with its attachments (`attachment_file-<i>`) and previews
// (`preview_file-<i>`: a new slot on the comment, then acceptPreviewFile; a preview that
// fails is skipped, as in Zou). TAA is checked on every task before anything is written.
import { readFile } from 'node:fs/promises'
import { forbidden, notFound, wrongParameter } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import type { Upload } from '../../lib/multipart.ts'
import { removeTemp, type ReceivedPart } from '../../lib/receive-file.ts'
import { withTransaction } from '../../db/client.ts'
import { postComment } from '../comments.ts'
import { findTasks, hasTaskAction, loadTask } from '../tasks-common.ts'
import { addPreview } from '../tasks-previews.ts'
import { removePreviewRows } from '../tasks-comments.ts'
import type { Deps } from '../write-scope.ts'
import { acceptPreviewFile } from './accept.ts'

export interface BatchInput {
  /** The JSON body's `comments`, or the form field `comments` (a JSON string). */
  comments: unknown
  files: ReceivedPart[]
}

interface BatchEntry {
  task_id?: unknown
  task_status_id?: unknown
  text?: unknown
  comment?: unknown
  checklist?: unknown
  links?: unknown
  person_id?: unknown
  created_at?: unknown
}

/** Route pre-check, before the body is read: TAA on the route's task. */
export async function checkBatchTask(deps: Deps, taskId: string): Promise<void> {
  const task = await loadTask(deps.ctx, taskId)
  if (!(await hasTaskAction(deps.ctx, task))) throw forbidden()
}

function parseComments(value: unknown): BatchEntry[] {
  if (value === undefined || value === null || value === '') throw wrongParameter('Missing required parameter: comments')
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch {
      throw wrongParameter('Wrong value for parameter comments.')
    }
  }
  if (!Array.isArray(parsed) || parsed.some((c) => !c || typeof c !== 'object')) throw wrongParameter('Wrong value for parameter comments.')
  return parsed as BatchEntry[]
}

// Zou bug: Zou matches `attachment_file-1` inside `attachment_file-10`; the index is read whole here.
const FILE_FIELD = /(attachment_file|preview_file)-(\d+)(?!\d)/

function filesOf(files: ReceivedPart[], kind: 'attachment_file' | 'preview_file', index: number): ReceivedPart[] {
  return files.filter((f) => {
    const m = FILE_FIELD.exec(f.field)
    return m && m[1] === kind && Number(m[2]) === index
  })
}

export async function postBatchComments(deps: Deps, routeTaskId: string | null, input: BatchInput): Promise<Row[]> {
  const { ctx } = deps
  try {
    const entries = parseComments(input.comments)
    const taskIds = entries.map((e) => routeTaskId ?? e.task_id)
    for (const id of taskIds) if (!isUuid(id)) throw id === undefined ? wrongParameter('Missing required parameter: task_id') : notFound()
    const tasks = await findTasks(ctx, taskIds)
    for (const id of taskIds) {
      const task = tasks.get((id as string).toLowerCase())
      if (!task) throw notFound()
      if (!(await hasTaskAction(ctx, task))) throw forbidden()
    }
    const out: Row[] = []
    for (const [i, entry] of entries.entries()) {
      if (typeof entry.task_status_id !== 'string') throw wrongParameter('Missing required parameter: task_status_id')
      const taskId = (taskIds[i] as string).toLowerCase()
      const attachments: Upload[] = []
      for (const f of filesOf(input.files, 'attachment_file', i)) {
        attachments.push({ field: f.field, filename: f.filename, mimetype: f.mimetype, data: await readFile(f.path) })
      }
      const comment = await postComment(deps, taskId, {
        task_status_id: entry.task_status_id,
        comment: String(entry.text ?? entry.comment ?? ''),
        checklist: entry.checklist,
        links: entry.links,
        person_id: typeof entry.person_id === 'string' ? entry.person_id : undefined,
        created_at: typeof entry.created_at === 'string' ? entry.created_at : undefined,
      }, attachments)
      const previews: Row[] = []
      for (const file of filesOf(input.files, 'preview_file', i)) {
        let slotId: string | null = null
        try {
          const slot = await addPreview(ctx, taskId, comment.id as string, 0)
          slotId = slot.id as string
          previews.push(await acceptPreviewFile(ctx, slotId, file))
        } catch {
          // Zou skips a preview that fails; a slot that never got its file goes too.
          if (slotId) {
            await withTransaction(ctx.pool, async (client) => {
              const { rows } = await client.query('SELECT 1 FROM preview_file WHERE id = $1 AND original_name IS NULL', [slotId])
              if (rows[0]) await removePreviewRows(client, [slotId!])
            }).catch(() => {})
          }
        } finally {
          await removeTemp(file.path)
        }
      }
      out.push({ ...comment, preview_files: previews })
    }
    return out
  } finally {
    await removeTemp(...input.files.map((f) => f.path))
  }
}
