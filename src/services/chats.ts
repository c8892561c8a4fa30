// Entity chat rooms (routes.md §12): one chat per entity, created on first access; messages
// with attachments. Chat events are published but not persisted and carry no project_id.
import type pg from 'pg'
import { forbidden, invalid, notFound } from '../lib/errors.ts'
import { formatDateTime, modelRowSerializer, type Row } from '../lib/serialize.ts'
import type { Upload } from '../lib/multipart.ts'
import type { Ctx } from '../crud/context.ts'
import { requireEntityRead } from './access.ts'
import { findEntity } from './entities/load.ts'
import { attachmentKey, storeAttachments } from './comments-attachments.ts'
import { requireUuid } from './comments.ts'
import { pgQuery, type Query } from './comments-task-state.ts'
import { runWrite, type Deps } from './write-scope.ts'

const serializeChat = modelRowSerializer('Chat')
const serializeMessage = modelRowSerializer('ChatMessage')

/** The entity (404) and the caller's PA + EA on it. */
async function readableEntity(ctx: Ctx, entityId: string) {
  requireUuid(entityId)
  const entity = await findEntity(ctx, entityId)
  if (!entity) throw notFound()
  await requireEntityRead(ctx, entity)
  return entity
}

/** The entity's chat, created when missing (concurrent first accesses create one). */
export async function findOrCreateChat(q: Query, entityId: string): Promise<Row> {
  const [chat] = await q(
    `WITH existing AS (SELECT * FROM chat WHERE object_id = $1 ORDER BY created_at LIMIT 1),
          created AS (INSERT INTO chat (object_id, object_type) SELECT $1, 'entity' WHERE NOT EXISTS (SELECT 1 FROM existing) RETURNING *)
     SELECT * FROM existing UNION ALL SELECT * FROM created`,
    [entityId],
  )
  return chat
}

const MESSAGES_SQL = (where: string) => `
  SELECT m.*, COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'extension', a.extension) ORDER BY a.created_at, a.id)
                        FROM attachment_file a WHERE a.chat_message_id = m.id), '[]') AS attachment_files
  FROM chat_message m WHERE ${where} ORDER BY m.created_at, m.id`

const presentMessage = (row: Row) => ({ ...serializeMessage(row), attachment_files: row.attachment_files })

export async function getChat(deps: Deps, entityId: string): Promise<Row> {
  const { ctx } = deps
  await readableEntity(ctx, entityId)
  const q = pgQuery(ctx.pool)
  const chat = await findOrCreateChat(q, entityId)
  const [participants, messages] = await Promise.all([
    q('SELECT person_id::text AS id FROM chat_participant WHERE chat_id = $1', [chat.id]),
    q(MESSAGES_SQL('m.chat_id = $1'), [chat.id]),
  ])
  // Zou bug: Zou reads the messages with the entity id as chat id, so they are always [].
  return { ...serializeChat(chat), participants: participants.map((p) => p.id), messages: messages.map(presentMessage) }
}

export async function listMessages(deps: Deps, entityId: string): Promise<Row[]> {
  const { ctx } = deps
  await readableEntity(ctx, entityId)
  const q = pgQuery(ctx.pool)
  const chat = await findOrCreateChat(q, entityId)
  return (await q(MESSAGES_SQL('m.chat_id = $1'), [chat.id])).map(presentMessage)
}

export async function postMessage(deps: Deps, entityId: string, message: string, files: Upload[]): Promise<Row> {
  const { ctx } = deps
  await readableEntity(ctx, entityId)
  return runWrite(deps, async (w) => {
    const q = pgQuery(w.client)
    const chat = await findOrCreateChat(q, entityId)
    const [participant] = await q('SELECT 1 FROM chat_participant WHERE chat_id = $1 AND person_id = $2', [chat.id, ctx.actor.id])
    if (!participant) throw invalid('You are not a participant of this chat')
    const [row] = await q('INSERT INTO chat_message (chat_id, person_id, text) VALUES ($1, $2, $3) RETURNING *', [chat.id, ctx.actor.id, message])
    await q('UPDATE chat SET last_message = $2, updated_at = now() WHERE id = $1', [chat.id, row.created_at])
    const attachments = await storeAttachments(w, q, { chat_message_id: row.id as string }, files)
    w.events.push({
      name: 'chat:new-message',
      data: { chat_id: chat.id, chat_message_id: row.id, last_message: formatDateTime(row.created_at as Date) },
      persist: false,
    })
    const out = serializeMessage(row)
    if (attachments.length) out.attachment_files = attachments.map(({ id, name, extension }) => ({ id, name, extension }))
    return out
  })
}

/** The message of the entity's chat (404; 403 when it belongs to another chat). */
async function messageOfChat(q: Query, entityId: string, messageId: string, lock = false) {
  requireUuid(messageId)
  const [row] = await q(
    `SELECT m.*, c.object_id::text AS chat_object_id, COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'extension', a.extension)
       ORDER BY a.created_at, a.id) FROM attachment_file a WHERE a.chat_message_id = m.id), '[]') AS attachment_files
     FROM chat_message m JOIN chat c ON c.id = m.chat_id WHERE m.id = $1 ${lock ? 'FOR UPDATE OF m' : ''}`,
    [messageId],
  )
  if (!row) throw notFound()
  if (row.chat_object_id !== entityId) throw forbidden()
  return row
}

export async function getMessage(deps: Deps, entityId: string, messageId: string): Promise<Row> {
  await readableEntity(deps.ctx, entityId)
  return presentMessage(await messageOfChat(pgQuery(deps.ctx.pool), entityId, messageId))
}

/** Only the author or an admin; the attachments' bytes are removed once the rows are gone. */
export async function deleteMessage(deps: Deps, entityId: string, messageId: string): Promise<void> {
  const { ctx } = deps
  await readableEntity(ctx, entityId)
  await runWrite(deps, async (w) => {
    const q = pgQuery(w.client as pg.PoolClient)
    const row = await messageOfChat(q, entityId, messageId, true)
    if (row.person_id !== ctx.actor.id && !ctx.isAdmin) throw forbidden()
    const removed = await q('DELETE FROM attachment_file WHERE chat_message_id = $1 RETURNING id::text', [messageId])
    for (const a of removed) {
      w.removeAfterCommit('files', attachmentKey(a.id as string))
      w.removeAfterCommit('pictures', `thumbnails-${a.id}`)
    }
    await q('DELETE FROM chat_message WHERE id = $1', [messageId])
    w.events.push({ name: 'chat:deleted-message', data: { chat_id: row.chat_id, chat_message_id: messageId }, persist: false })
  })
}
