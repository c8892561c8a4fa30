// routes.md §23 / §12: the entity chats the caller takes part in, and joining or leaving an
// entity's chat (created on first use). Chat events are published unpersisted, unscoped.
import type { Ctx } from '../crud/context.ts'
import { sql } from '../crud/select.ts'
import { formatDateTime, modelRowSerializer, type Row } from '../lib/serialize.ts'
import { requireEntityRead } from './access.ts'
import { loadEntity } from './entities/load.ts'
import { fullNameJoins, FULL_ENTITY_NAME, openProject, rows } from './user-shared.ts'

const chatRow = modelRowSerializer('Chat')

/** GET /data/user/chats: chats of entities in open projects, most recent message first. */
export async function myChats(ctx: Ctx): Promise<Row[]> {
  const found = await rows(ctx, sql`
    SELECT c.id, c.object_id, c.last_message, ${FULL_ENTITY_NAME} AS entity_name, fe.project_id, fe.preview_file_id
    FROM chat c JOIN chat_participant cp ON cp.chat_id = c.id AND cp.person_id = ${ctx.actor.id}::uuid
    ${fullNameJoins('c.object_id')}
    JOIN project p ON p.id = fe.project_id
    WHERE ${openProject('p')}
    ORDER BY c.last_message DESC NULLS LAST, c.created_at DESC, c.id`)
  return found.map((r) => ({ ...r, last_message: formatDateTime(r.last_message as Date | null) }))
}

/** The entity's chat, created when missing (one statement, race-safe enough: one per entity). */
async function chatOf(ctx: Ctx, entityId: string): Promise<Row> {
  const [row] = await rows(ctx, sql`
    WITH found AS (SELECT * FROM chat WHERE object_id = ${entityId}::uuid ORDER BY created_at, id LIMIT 1),
    added AS (INSERT INTO chat (object_id, object_type) SELECT ${entityId}::uuid, 'entity'
              WHERE NOT EXISTS (SELECT 1 FROM found) RETURNING *)
    SELECT * FROM found UNION ALL SELECT * FROM added`)
  return row
}

/** PA + EA on the entity, then its chat. */
async function accessibleChat(ctx: Ctx, entityId: string): Promise<Row> {
  const entity = await loadEntity(ctx, entityId)
  await requireEntityRead(ctx, entity)
  return chatOf(ctx, entity.id)
}

/** POST /actions/user/chats/:entity_id/join. */
export async function joinChat(ctx: Ctx, entityId: string): Promise<Row> {
  const chat = await accessibleChat(ctx, entityId)
  await ctx.pool.query('INSERT INTO chat_participant (chat_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [chat.id, ctx.actor.id])
  await ctx.events.emit('chat:joined', { chat_id: chat.id, person_id: ctx.actor.id }, { userId: ctx.actor.id, persist: false })
  return chatRow(chat)
}

/** DELETE /actions/user/chats/:entity_id/join. */
export async function leaveChat(ctx: Ctx, entityId: string): Promise<void> {
  const chat = await accessibleChat(ctx, entityId)
  await ctx.pool.query('DELETE FROM chat_participant WHERE chat_id = $1 AND person_id = $2', [chat.id, ctx.actor.id])
  await ctx.events.emit('chat:left', { chat_id: chat.id, person_id: ctx.actor.id }, { userId: ctx.actor.id, persist: false })
}
