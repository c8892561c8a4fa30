// routes.md §10.1 behaviour: what a guest sees (the playlist with display facts, context,
// comments visible to guests) and does (comments with client-allowed statuses, edits,
// annotations merged on the row), and the limits (previews of the playlist only, the
// link's guests only, commenting disabled).
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { captureEvents, insertComment, makeStatus, names } from '../comments/helpers.ts'
import { makePlaylist, makePreview, makeShareLink } from './helpers.ts'

const file = useFileAppWithProduction()

async function share(extra: { can_comment?: boolean } = {}) {
  const { app } = file.t
  // A task of its own per link: the revisions of one test never mix with another's.
  const taskType = await app.db.taskType.create({ data: { name: `Anim ${randomUUID().slice(0, 6)}`, for_entity: 'Asset', color: '#123456' } })
  const task = await app.db.task.create({ data: { name: 'main', project_id: file.prod.project.id, entity_id: file.prod.asset.id, task_type_id: taskType.id, task_status_id: file.prod.status.id } })
  const shot = await makePreview(app, task.id, { revision: 1, position: 1, extension: 'png', annotations: [{ time: 0, drawing: { objects: [{ id: 'keep', type: 'path' }] } }] })
  const sibling = await makePreview(app, task.id, { revision: 1, position: 2, extension: 'png' })
  const later = await makePreview(app, task.id, { revision: 9, extension: 'png' })
  for (const p of [shot, sibling, later]) await app.storage.put('pictures', `original-${p.id}`, Buffer.from(`png ${p.id}`))
  const pl = await makePlaylist(app, file.prod.project.id, { name: 'Client review', shots: [{ entity_id: file.prod.asset.id, preview_file_id: shot.id }] })
  const token = await makeShareLink(app, pl.id, file.manager.id, extra)
  const guest = (await app.inject({ method: 'POST', url: `/shared/playlists/${token}/guest`, payload: { first_name: 'Gina', last_name: 'Guest' } })).json()
  return { pl, token, guest, shot, sibling, later, task, taskType }
}

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  file.t.app.inject({ method, url, ...(payload ? { payload } : {}) })

describe('guest persons', () => {
  it('creates a guest once per name and link, and gives it back by guest_id', async () => {
    const { app } = file.t
    const { token } = await share()
    const { result: created, events } = await captureEvents(app, () => call('POST', `/shared/playlists/${token}/guest`, { first_name: 'Bob' }))
    expect(created.statusCode).toBe(201)
    const person = created.json()
    expect(person).toMatchObject({ first_name: 'Bob', last_name: '', role: 'client', is_guest: true, type: 'Person' })
    expect(person.email).toMatch(/^guest-[0-9a-f]{8}@guest\.kitsu$/)
    expect(person).not.toHaveProperty('password')
    expect(names(events)).toEqual(['person:new'])
    const same = await call('POST', `/shared/playlists/${token}/guest`, { guest_id: person.id })
    expect(same.statusCode).toBe(200)
    expect(same.json().id).toBe(person.id)
    expect((await call('POST', `/shared/playlists/${token}/guest`, { first_name: 'Bob' })).json().id).toBe(person.id)
    // Another link's guest is someone else.
    const other = await share()
    const elsewhere = await call('POST', `/shared/playlists/${other.token}/guest`, { guest_id: person.id, first_name: 'Bob' })
    expect(elsewhere.statusCode).toBe(201)
    expect(elsewhere.json().id).not.toBe(person.id)
  })
})

describe('what guests see', () => {
  it('the playlist with annotations, project facts and entry names; the context', async () => {
    const { app } = file.t
    const { token, shot, sibling, taskType } = await share()
    await app.pool.query('INSERT INTO project_task_type_link (project_id, task_type_id, priority) VALUES ($1, $2, 1)', [file.prod.project.id, taskType.id])
    const res = await call('GET', `/shared/playlists/${token}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ name: 'Client review', project_name: file.prod.project.name, project_fps: '25' })
    const [entry] = body.shots
    expect(entry).toMatchObject({
      id: file.prod.asset.id, name: 'Hero', parent_name: file.prod.assetType.name, preview_file_id: shot.id,
      preview_file_annotations: [{ time: 0, drawing: { objects: [{ id: 'keep', type: 'path' }] } }],
      preview_file_task_type: { id: taskType.id, name: taskType.name, color: '#123456', for_entity: 'Asset' },
      preview_file_task_type_name: taskType.name, task_status_color: '#f5f5f5',
    })
    expect(entry.preview_file_previews.map((p: { id: string }) => p.id)).toEqual([sibling.id])
    expect(entry.preview_files[taskType.id][0]).toHaveProperty('annotations')
    const ctx = (await call('GET', `/shared/playlists/${token}/context`)).json()
    expect(ctx.project).toMatchObject({ id: file.prod.project.id, name: file.prod.project.name, fps: '25', team: [] })
    expect(ctx.task_types).toEqual([{ id: taskType.id, name: taskType.name, color: '#123456', for_entity: 'Asset' }])
    expect(ctx.entities).toEqual([{ id: file.prod.asset.id, name: 'Hero', preview_file_id: null }])
  })

  it('previews of the playlist only (the entry and its other positions)', async () => {
    const { token, shot, sibling, later } = await share()
    const base = `/shared/playlists/${token}`
    const own = await call('GET', `${base}/pictures/originals/preview-files/${shot.id}.png`)
    expect(own.statusCode).toBe(200)
    expect(own.body).toBe(`png ${shot.id}`)
    expect((await call('GET', `${base}/pictures/originals/preview-files/${sibling.id}.png`)).statusCode).toBe(200)
    expect((await call('GET', `${base}/pictures/originals/preview-files/${later.id}.png`)).statusCode).toBe(403)
    expect((await call('GET', `${base}/preview-files/${later.id}`)).statusCode).toBe(403)
    expect((await call('GET', `${base}/preview-files/${randomUUID()}`)).statusCode).toBe(404)
    expect((await call('GET', `${base}/preview-files/${shot.id}`)).json()).toMatchObject({ id: shot.id, type: 'PreviewFile', revision: 1 })
    const dl = await call('GET', `${base}/preview-files/${shot.id}/download`)
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment; filename=".*_v1\.png"/)
    // The extension route checks the row's extension.
    expect((await call('GET', `${base}/pictures/originals/preview-files/${shot.id}.pdf`)).statusCode).toBe(404)
  })
})

describe('guest comments', () => {
  it('posts with a client-allowed status through the comment pipeline, refuses other statuses', async () => {
    const { app } = file.t
    const { token, guest, task } = await share()
    const ok = await makeStatus(app, 'Approved', { is_client_allowed: true })
    const internal = await makeStatus(app, 'Internal', { is_client_allowed: false })
    const url = `/shared/playlists/${token}/comments`
    const { result, events } = await captureEvents(app, () => call('POST', url, { guest_id: guest.id, task_id: task.id, task_status_id: ok.id, text: 'Looks great' }))
    expect(result.statusCode).toBe(201)
    expect(result.json()).toMatchObject({ text: 'Looks great', person_id: guest.id, task_status_id: ok.id, object_id: task.id })
    expect(names(events)).toContain('comment:new')
    expect((await app.db.task.findUnique({ where: { id: task.id } }))!.task_status_id).toBe(ok.id)

    const refused = await call('POST', url, { guest_id: guest.id, task_id: task.id, task_status_id: internal.id, text: 'x' })
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toEqual({ error: 'Task status not allowed for guests' })
    expect((await call('POST', url, { guest_id: guest.id, task_id: task.id, task_status_id: randomUUID() })).json()).toEqual({ error: 'Task status not found' })
    const stranger = await call('POST', url, { guest_id: randomUUID(), task_id: task.id, task_status_id: ok.id })
    expect(stranger.statusCode).toBe(403)
    expect(stranger.json()).toEqual({ error: 'Guest not part of this shared playlist' })
    const otherTask = await app.db.task.create({ data: { name: 'other', project_id: file.prod.project.id, entity_id: file.prod.asset.id, task_type_id: (await app.db.taskType.create({ data: { name: `FX ${randomUUID().slice(0, 5)}` } })).id, task_status_id: file.prod.status.id } })
    const offPlaylist = await call('POST', url, { guest_id: guest.id, task_id: otherTask.id, task_status_id: ok.id })
    expect(offPlaylist.statusCode).toBe(403)
    expect(offPlaylist.json()).toEqual({ error: 'Task not part of this shared playlist' })
    expect((await call('POST', url, { guest_id: guest.id, task_id: 'nope', task_status_id: ok.id })).statusCode).toBe(400)

    // Guests see their comments and those flagged for clients, not internal ones.
    await insertComment(app, task.id, file.manager.id, file.prod.status.id, { text: 'internal note' })
    await insertComment(app, task.id, file.manager.id, file.prod.status.id, { text: 'for the client', for_client: true })
    const listed = (await call('GET', url)).json()
    expect(listed.map((c: { text: string }) => c.text).sort()).toEqual(['Looks great', 'for the client'])
    expect(listed.find((c: { text: string }) => c.text === 'Looks great').person).toMatchObject({ id: guest.id, is_guest: true })
  })

  it('edits and deletes only their own comments; a link without comments refuses them', async () => {
    const { app } = file.t
    const { token, guest, task } = await share()
    const ok = await makeStatus(app, 'Retake ok', { is_client_allowed: true })
    const base = `/shared/playlists/${token}/comments`
    const posted = (await call('POST', base, { guest_id: guest.id, task_id: task.id, task_status_id: ok.id, text: 'first' })).json()
    const { result: edited, events } = await captureEvents(app, () => call('PUT', `${base}/${posted.id}`, { guest_id: guest.id, text: 'second' }))
    expect(edited.statusCode).toBe(200)
    expect(edited.json()).toMatchObject({ id: posted.id, text: 'second', editor_id: guest.id, attachment_files: [] })
    expect(names(events)).toContain('comment:update')
    const other = (await call('POST', `/shared/playlists/${token}/guest`, { first_name: 'Other' })).json()
    const foreign = await call('PUT', `${base}/${posted.id}`, { guest_id: other.id, text: 'hijack' })
    expect(foreign.statusCode).toBe(403)
    expect(foreign.json()).toEqual({ error: 'Forbidden' })
    const managerComment = await insertComment(app, task.id, file.manager.id, file.prod.status.id)
    expect((await call('PUT', `${base}/${managerComment.id}`, { guest_id: guest.id, text: 'x' })).statusCode).toBe(403)
    expect((await call('PUT', `${base}/${randomUUID()}`, { guest_id: guest.id, text: 'x' })).json()).toEqual({ error: 'Comment not found' })
    expect((await call('DELETE', `${base}/${posted.id}`, { guest_id: other.id })).statusCode).toBe(403)
    expect((await call('DELETE', `${base}/${posted.id}`, { guest_id: guest.id })).statusCode).toBe(204)
    expect(await app.db.comment.findUnique({ where: { id: posted.id } })).toBeNull()

    const closed = await share({ can_comment: false })
    const closedRes = await call('POST', `/shared/playlists/${closed.token}/comments`, { guest_id: closed.guest.id, task_id: task.id, task_status_id: ok.id })
    expect(closedRes.statusCode).toBe(403)
    expect(closedRes.json()).toEqual({ error: 'Comments are disabled for this link' })
    const closedAnn = await call('PUT', `/shared/playlists/${closed.token}/annotations`, { guest_id: closed.guest.id, preview_file_id: closed.shot.id, additions: [] })
    expect(closedAnn.json()).toEqual({ error: 'Annotations are disabled' })
  })
})

describe('guest annotations', () => {
  it('merges into the stored annotations and emits preview-file:annotation-update', async () => {
    const { app } = file.t
    const { token, guest, shot, later } = await share()
    const url = `/shared/playlists/${token}/annotations`
    const { result, events } = await captureEvents(app, () => call('PUT', url, {
      guest_id: guest.id, preview_file_id: shot.id,
      additions: [{ time: 0, drawing: { objects: [{ id: 'new', type: 'rect' }] } }, { time: 2.5, drawing: { objects: [{ id: 'late', type: 'circle' }] } }],
    }))
    expect(result.statusCode).toBe(200)
    expect(result.json()).toMatchObject({ id: shot.id, type: 'PreviewFile' })
    expect(events.find((e) => e.name === 'preview-file:annotation-update')?.data).toMatchObject({ preview_file_id: shot.id, person_id: guest.id })
    await call('PUT', url, { guest_id: guest.id, preview_file_id: shot.id, deletions: [{ time: 0, objects: ['keep'] }], updates: [{ time: 2.5, drawing: { objects: [{ id: 'late', type: 'square' }] } }] })
    const stored = (await app.pool.query('SELECT annotations FROM preview_file WHERE id = $1', [shot.id])).rows[0].annotations
    expect(stored).toEqual([
      { time: 0, drawing: { objects: [{ id: 'new', type: 'rect' }] } },
      { time: 2.5, drawing: { objects: [{ id: 'late', type: 'square' }] } },
    ])
    expect((await call('PUT', url, { guest_id: guest.id, preview_file_id: later.id, additions: [] })).statusCode).toBe(403)
    expect((await call('PUT', url, { guest_id: randomUUID(), preview_file_id: shot.id, additions: [] })).statusCode).toBe(403)
    expect((await call('PUT', url, { guest_id: guest.id, preview_file_id: 'x' })).statusCode).toBe(400)
  })
})
