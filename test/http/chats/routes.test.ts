// routes.md §12: every chats route at the root and under /api, allowed and refused per role.
import { MANAGERS, routeTable, TEAM, useRoleProduction, type RoleFileApp } from '../../helpers/route-table.ts'

const file = useRoleProduction()

let chat: Promise<string> | null = null
/** The asset's chat with every team member as participant. */
function chatId(f: RoleFileApp) {
  chat ??= (async () => {
    const c = await f.t.app.db.chat.create({ data: { object_id: f.prod.asset.id } })
    for (const role of TEAM) await f.t.app.db.chatParticipant.create({ data: { chat_id: c.id, person_id: f.people[role].id } })
    return c.id
  })()
  return chat
}
const managerMessage = async (f: RoleFileApp) =>
  (await f.t.app.db.chatMessage.create({ data: { chat_id: await chatId(f), person_id: f.people.manager.id, text: 'hi' } })).id
let shared: Promise<string> | null = null

const base = (f: RoleFileApp) => `/data/entities/${f.prod.asset.id}/chat`

routeTable('chats', file, [
  { method: 'GET', path: '/data/entities/:entity_id/chat', roles: TEAM, call: async (f) => (await chatId(f), { url: base(f) }) },
  { method: 'GET', path: '/data/entities/:entity_id/chat/messages', roles: TEAM, call: async (f) => (await chatId(f), { url: `/api${base(f)}/messages` }) },
  {
    method: 'POST', path: '/data/entities/:entity_id/chat/messages', roles: TEAM,
    call: async (f) => (await chatId(f), { url: `${base(f)}/messages`, payload: { message: 'hello' } }),
  },
  {
    method: 'GET', path: '/data/entities/:entity_id/chat/messages/:chat_message_id', roles: TEAM,
    call: async (f) => ({ url: `${base(f)}/messages/${await (shared ??= managerMessage(f))}` }),
  },
  {
    method: 'DELETE', path: '/data/entities/:entity_id/chat/messages/:chat_message_id', roles: MANAGERS,
    call: async (f) => ({ url: `${base(f)}/messages/${await managerMessage(f)}` }),
  },
])
