// Attachment files of comments, replies and chat messages (files-and-previews.md §6): a row
// per uploaded file, its bytes in the `files` storage under `attachments-<id>`, written inside
// the caller's write (bytes removed again if it rolls back). Also the lookups the attachment
// routes need: the download's access facts in one query, and the admin listings.
import { randomUUID, randomInt } from 'node:crypto'
import type { Upload } from '../lib/multipart.ts'
import { modelRowSerializer, type Row } from '../lib/serialize.ts'
import type { Query } from './comments-task-state.ts'
import type { WriteScope } from './write-scope.ts'

export interface AttachmentOwner {
  comment_id?: string | null
  reply_id?: string | null
  chat_message_id?: string | null
}

export interface PresentAttachment {
  id: string
  name: string
  extension: string
  size: number
}

export const attachmentKey = (id: string) => `attachments-${id}`

/** Text after the last dot, lower-case; the column holds at most 6 characters. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.')
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase().slice(0, 6)
}

function randomized(filename: string, extension: string): string {
  const letters = Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('')
  const dot = filename.lastIndexOf('.')
  return dot < 0 ? `${filename}-${letters}` : `${filename.slice(0, dot)}-${letters}.${extension}`
}

/** Stores the uploads as attachments of `owner`; a name already used on the comment gets a random suffix. */
export async function storeAttachments(w: WriteScope, q: Query, owner: AttachmentOwner, files: Upload[]): Promise<PresentAttachment[]> {
  if (!files.length) return []
  const taken = new Set<string>()
  if (owner.comment_id) {
    for (const r of await q('SELECT name FROM attachment_file WHERE comment_id = $1', [owner.comment_id])) taken.add(r.name as string)
  }
  const rows = files.map((f) => {
    const extension = extensionOf(f.filename)
    let name = f.filename.slice(0, 250)
    if (taken.has(name)) name = randomized(name, extension).slice(0, 250)
    taken.add(name)
    return { id: randomUUID(), name, extension, mimetype: f.mimetype.slice(0, 255), size: f.data.length, data: f.data }
  })
  for (const r of rows) await w.store('files', attachmentKey(r.id), r.data)
  await q(
    `INSERT INTO attachment_file (id, name, extension, mimetype, size, comment_id, reply_id, chat_message_id)
     SELECT a.id, a.name, a.extension, a.mimetype, a.size, $2, $3, $4
     FROM jsonb_to_recordset($1::jsonb) AS a(id uuid, name text, extension text, mimetype text, size bigint)`,
    [JSON.stringify(rows.map(({ data: _d, ...r }) => r)), owner.comment_id ?? null, owner.reply_id ?? null, owner.chat_message_id ?? null],
  )
  return rows.map((r) => ({ id: r.id, name: r.name, extension: r.extension, size: r.size }))
}

/** The comment's attachments in their "present" shape, oldest first. */
export async function commentAttachments(q: Query, commentId: string): Promise<PresentAttachment[]> {
  const rows = await q(
    'SELECT id::text, name, extension, size FROM attachment_file WHERE comment_id = $1 ORDER BY created_at, name',
    [commentId],
  )
  return rows as unknown as PresentAttachment[]
}

/**
 * The attachment with what its download check needs: the project and entity it belongs to
 * (through its comment's task or its chat message's entity) and whether the caller has a task
 * assigned on that entity (vendors).
 */
export async function attachmentWithScope(q: Query, id: string, personId: string): Promise<Row | null> {
  const [row] = await q(
    `SELECT a.*, COALESCE(t.project_id, e.project_id)::text AS scope_project_id,
            COALESCE(t.entity_id, ch.object_id)::text AS scope_entity_id,
            (t.id IS NOT NULL) AS of_comment, (ch.id IS NOT NULL) AS of_chat,
            EXISTS (SELECT 1 FROM task vt JOIN task_person_link vl ON vl.task_id = vt.id
                    WHERE vt.entity_id = COALESCE(t.entity_id, ch.object_id) AND vl.person_id = $2) AS assigned
     FROM attachment_file a
     LEFT JOIN comment c ON c.id = a.comment_id LEFT JOIN task t ON t.id = c.object_id
     LEFT JOIN chat_message m ON m.id = a.chat_message_id LEFT JOIN chat ch ON ch.id = m.chat_id
     LEFT JOIN entity e ON e.id = ch.object_id
     WHERE a.id = $1`,
    [id, personId],
  )
  return row ?? null
}

const serializeAttachment = modelRowSerializer('AttachmentFile')

/** Attachment files of the comments on the project's tasks, or on one task (admin listings). */
export async function listCommentAttachments(q: Query, scope: { projectId?: string; taskId?: string }): Promise<Row[]> {
  const rows = await q(
    `SELECT a.* FROM attachment_file a JOIN comment c ON c.id = a.comment_id JOIN task t ON t.id = c.object_id
     WHERE ${scope.projectId ? 't.project_id = $1' : 't.id = $1'} ORDER BY a.created_at, a.id`,
    [scope.projectId ?? scope.taskId],
  )
  return rows.map(serializeAttachment)
}
