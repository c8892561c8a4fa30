// routes.md §12: entity chats — created on first access, messages with attachments for
// participants only, unpersisted chat events without project_id, deletion with the files.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { captureEvents, multipart, names } from '../comments/helpers.ts'

interface F extends FileApp {
  manager: TestPerson
  artist: TestPerson
  vendor: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
}

const file = useFileAppWith<F>(async ({ t }) => {
  const manager = await as(t.app, 'manager')
  const artist = await as(t.app, 'user')
  const vendor = await as(t.app, 'vendor')
  const prod = await makeProduction(t.app, [{ id: manager.id }, { id: artist.id }, { id: vendor.id }])
  return { manager, artist, vendor, prod }
})

const call = (person: TestPerson, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  file.t.app.inject({ method, url, headers: { ...person.headers, ...headers }, payload: payload as string })
const chatUrl = () => `/data/entities/${file.prod.asset.id}/chat`

describe('entity chats', () => {
  it('creates the chat on first access, once', async () => {
    const first = await call(file.artist, 'GET', chatUrl())
    expect(first.statusCode).toBe(200)
    expect(first.json()).toEqual({
      id: expect.any(String), type: 'Chat', object_id: file.prod.asset.id, object_type: 'entity', last_message: null,
      participants: [], messages: [], created_at: expect.any(String), updated_at: expect.any(String),
    })
    const again = await call(file.manager, 'GET', chatUrl())
    expect(again.json().id).toBe(first.json().id)
    expect(await file.t.app.db.chat.count({ where: { object_id: file.prod.asset.id } })).toBe(1)
    // Vendors need a task on the entity; unknown entities are 404.
    expect((await call(file.vendor, 'GET', chatUrl())).statusCode).toBe(403)
    expect((await call(file.manager, 'GET', `/data/entities/${randomUUID()}/chat`)).statusCode).toBe(404)
  })

  it('lets participants post messages with attachments and lists them', async () => {
    const { app } = file.t
    const chat = (await call(file.artist, 'GET', chatUrl())).json()
    const refused = await call(file.artist, 'POST', `${chatUrl()}/messages`, { message: 'hi' })
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toEqual({ error: true, message: 'You are not a participant of this chat' })
    await app.db.chatParticipant.create({ data: { chat_id: chat.id, person_id: file.artist.id } })

    const body = multipart({ message: 'look' }, [{ field: 'file', filename: 'board.jpg', type: 'image/jpeg', data: 'jpegbytes' }])
    const { result: res, events } = await captureEvents(app, () => call(file.artist, 'POST', `${chatUrl()}/messages`, body.payload, body.headers))
    expect(res.statusCode).toBe(201)
    const message = res.json()
    expect(message).toMatchObject({ type: 'ChatMessage', chat_id: chat.id, person_id: file.artist.id, text: 'look', attachment_files: [{ id: expect.any(String), name: 'board.jpg', extension: 'jpg' }] })
    expect(events.map((e) => [e.name, e.data, e.projectId])).toEqual([['chat:new-message', { chat_id: chat.id, chat_message_id: message.id, last_message: message.created_at }, null]])
    expect(await app.db.apiEvent.count({ where: { name: { startsWith: 'chat:' } } })).toBe(0)
    expect((await app.db.chat.findUniqueOrThrow({ where: { id: chat.id } })).last_message?.toISOString().slice(0, 19)).toBe(message.created_at)

    const listed = (await call(file.manager, 'GET', `${chatUrl()}/messages`)).json()
    expect(listed).toEqual([{ ...message }])
    expect((await call(file.manager, 'GET', `${chatUrl()}/messages/${message.id}`)).json()).toEqual(message)
    expect((await call(file.manager, 'GET', chatUrl())).json()).toMatchObject({ participants: [file.artist.id], messages: [message] })
    const download = await call(file.manager, 'GET', `/data/attachment-files/${message.attachment_files[0].id}/file/board.jpg`)
    expect(download.statusCode).toBe(200)
    expect(download.body).toBe('jpegbytes')
    // A message of another entity's chat is refused here.
    const otherEntity = await app.db.entity.create({ data: { name: 'Other', project_id: file.prod.project.id, entity_type_id: file.prod.assetType.id } })
    expect((await call(file.manager, 'GET', `/data/entities/${otherEntity.id}/chat/messages/${message.id}`)).statusCode).toBe(403)
    expect((await call(file.artist, 'POST', `${chatUrl()}/messages`, {})).statusCode).toBe(400)
  })

  it('deletes a message (author or admin) with its attachments and their bytes', async () => {
    const { app } = file.t
    const chat = (await call(file.artist, 'GET', chatUrl())).json()
    await app.db.chatParticipant.upsert({ where: { chat_id_person_id: { chat_id: chat.id, person_id: file.artist.id } }, create: { chat_id: chat.id, person_id: file.artist.id }, update: {} })
    const body = multipart({ message: 'bye' }, [{ field: 'f', filename: 'x.txt', type: 'text/plain', data: 'x' }])
    const message = (await call(file.artist, 'POST', `${chatUrl()}/messages`, body.payload, body.headers)).json()
    const attachmentId = message.attachment_files[0].id
    expect(await app.storage.exists('files', `attachments-${attachmentId}`)).toBe(true)
    expect((await call(file.manager, 'DELETE', `${chatUrl()}/messages/${message.id}`)).statusCode).toBe(403)
    const { result, events } = await captureEvents(app, () => call(file.artist, 'DELETE', `${chatUrl()}/messages/${message.id}`))
    expect(result.statusCode).toBe(204)
    expect(names(events)).toEqual(['chat:deleted-message'])
    expect(events[0].data).toEqual({ chat_id: chat.id, chat_message_id: message.id })
    expect(await app.db.chatMessage.count({ where: { id: message.id } })).toBe(0)
    expect(await app.db.attachmentFile.count({ where: { id: attachmentId } })).toBe(0)
    expect(await app.storage.exists('files', `attachments-${attachmentId}`)).toBe(false)
    expect((await call(file.admin, 'DELETE', `${chatUrl()}/messages/${message.id}`)).statusCode).toBe(404)
  })
})
