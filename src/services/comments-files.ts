// The attachment routes of the comments blueprint (routes.md §5): add files to a comment,
// delete one, download one (comment or chat attachments), and the admin listings.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { forbidden, notFound } from '../lib/errors.ts'
import type { Upload } from '../lib/multipart.ts'
import { INLINE_MIMETYPES, sendStoredFile, type StoredFile } from '../lib/file-response.ts'
import type { Ctx } from '../crud/context.ts'
import { requireAdmin, requireManagerAccess, requireProjectAccess } from './access.ts'
import { attachmentKey, attachmentWithScope, commentAttachments, listCommentAttachments, storeAttachments, type PresentAttachment } from './comments-attachments.ts'
import { requireUuid } from './comments.ts'
import { pgQuery, type Query } from './comments-task-state.ts'
import { runWrite, type Deps } from './write-scope.ts'

/** The comment (404), on the path's task (else 403), written by the caller or MPA on its project. */
async function commentForFiles(deps: Deps, q: Query, taskId: string, commentId: string) {
  requireUuid(taskId)
  requireUuid(commentId)
  const [comment] = await q(
    `SELECT c.id::text, c.object_id::text, c.person_id::text, t.project_id::text
     FROM comment c LEFT JOIN task t ON t.id = c.object_id WHERE c.id = $1`,
    [commentId],
  )
  if (!comment) throw notFound()
  if (comment.object_id !== taskId) throw forbidden()
  if (comment.person_id !== deps.ctx.actor.id) await requireManagerAccess(deps.ctx, comment.project_id as string)
  return comment
}

export async function addAttachments(deps: Deps, taskId: string, commentId: string, files: Upload[]): Promise<PresentAttachment[]> {
  return runWrite(deps, async (w) => {
    const q = pgQuery(w.client)
    await commentForFiles(deps, q, taskId, commentId)
    await storeAttachments(w, q, { comment_id: commentId }, files)
    return commentAttachments(q, commentId)
  })
}

/** Removes the row; the stored bytes stay (Zou removes them only with REMOVE_FILES). */
export async function deleteAttachment(deps: Deps, taskId: string, commentId: string, attachmentId: string): Promise<void> {
  requireUuid(attachmentId)
  await runWrite(deps, async (w) => {
    const q = pgQuery(w.client)
    await commentForFiles(deps, q, taskId, commentId)
    const [row] = await q('SELECT comment_id::text FROM attachment_file WHERE id = $1', [attachmentId])
    if (!row) throw notFound()
    if (row.comment_id !== commentId) throw forbidden()
    await q('DELETE FROM attachment_file WHERE id = $1', [attachmentId])
  })
}

/**
 * The stored file of an attachment the caller may read: comment attachment → TA on its task;
 * chat attachment → PA + EA on the chat's entity. Downloads and signed links share it.
 */
export async function readableAttachment(ctx: Ctx, attachmentId: string): Promise<StoredFile> {
  requireUuid(attachmentId)
  const row = await attachmentWithScope(pgQuery(ctx.pool), attachmentId, ctx.actor.id)
  if (!row) throw notFound()
  if (!row.of_comment && !row.of_chat) throw forbidden()
  const role = await requireProjectAccess(ctx, row.scope_project_id as string)
  if (role === 'vendor' && !row.assigned) throw forbidden()
  const mimetype = (row.mimetype as string | null) ?? 'application/octet-stream'
  return {
    bucket: 'files',
    key: attachmentKey(attachmentId),
    mimetype,
    updatedAt: row.updated_at as Date | null,
    downloadName: (row.name as string | null) ?? attachmentId,
    inline: INLINE_MIMETYPES.has(mimetype.toLowerCase()),
  }
}

export async function downloadAttachment(deps: Deps, req: FastifyRequest, reply: FastifyReply, attachmentId: string) {
  return sendStoredFile(req, reply, deps.storage, await readableAttachment(deps.ctx, attachmentId))
}

export async function projectAttachmentFiles(deps: Deps, projectId: string) {
  requireAdmin(deps.ctx)
  return listCommentAttachments(pgQuery(deps.ctx.pool), { projectId: requireUuid(projectId) })
}

export async function taskAttachmentFiles(deps: Deps, taskId: string) {
  requireAdmin(deps.ctx)
  return listCommentAttachments(pgQuery(deps.ctx.pool), { taskId: requireUuid(taskId) })
}
