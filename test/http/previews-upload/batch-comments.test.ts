// Batch comments: per comment, the comment service, its attachments and its previews (a slot,
// then the upload processing); a preview that fails is skipped and leaves no slot.
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { as } from '../../helpers/fixtures.ts'
import { captureEvents, multipart, names } from '../comments/helpers.ts'
import { alphaPng, stored, leftInTmp } from './helpers.ts'

const file = useFileAppWithProduction()

describe('batch comments', () => {
  it('posts each comment with its attachments and processed previews; a failing preview is skipped', async () => {
    const { app } = file.t
    const png = await alphaPng(64, 48)
    const task = file.prod.task.id
    const body = multipart({
      comments: JSON.stringify([
        { task_id: task, task_status_id: file.prod.status.id, text: 'first' },
        { task_id: task, task_status_id: file.prod.status.id, text: 'second' },
      ]),
    }, [
      { field: 'preview_file-0', filename: 'frame.png', type: 'image/png', data: png },
      { field: 'attachment_file-0', filename: 'notes.txt', type: 'text/plain', data: 'notes' },
      { field: 'preview_file-1', filename: 'virus.exe', type: 'application/octet-stream', data: 'MZ' },
    ])
    const { result: res, events } = await captureEvents(app, () =>
      app.inject({ method: 'POST', url: '/actions/tasks/batch-comment', headers: { ...file.manager.headers, ...body.headers }, payload: body.payload }))
    expect(res.statusCode, res.body).toBe(201)
    const [first, second] = res.json()
    expect([first.text, second.text]).toEqual(['first', 'second'])
    expect(first.attachment_files.map((a: { name: string }) => a.name)).toEqual(['notes.txt'])
    expect(first.preview_files).toHaveLength(1)
    const preview = first.preview_files[0]
    expect(preview).toMatchObject({ status: 'ready', extension: 'png', original_name: 'frame', revision: 1, position: 1, task_id: task })
    expect((await stored(app, 'pictures', `original-${preview.id}`)).length).toBe(preview.file_size)
    expect(second.preview_files).toEqual([])
    const links = await app.db.commentPreviewLink.findMany({ where: { comment: second.id } })
    expect(links).toEqual([])
    expect(await app.db.previewFile.count({ where: { task_id: task } })).toBe(1)
    const n = names(events)
    expect(n.filter((e) => e === 'comment:new')).toHaveLength(2)
    expect(n).toContain('preview-file:new')
    expect(events.find((e) => e.name === 'preview-file:add-file')?.data).toMatchObject({ comment_id: first.id, preview_file_id: preview.id, status: 'ready' })
    expect(leftInTmp(file.t.config.tmpDir)).toEqual([])
  })

  it('JSON body on the task route; comments missing → 400; another task in the list needs TAA too', async () => {
    const { app } = file.t
    const url = `/actions/tasks/${file.prod.task.id}/batch-comment`
    const ok = await app.inject({ method: 'POST', url, headers: file.manager.headers, payload: { comments: [{ task_status_id: file.prod.status.id, text: 'json' }] } })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json()[0]).toMatchObject({ text: 'json', object_id: file.prod.task.id, preview_files: [] })
    const missing = await app.inject({ method: 'POST', url, headers: file.manager.headers, payload: {} })
    expect([missing.statusCode, missing.json().message]).toEqual([400, 'Missing required parameter: comments'])

    // An artist of the team assigned to a second task only: the first entry is theirs, the
    // second is not, so nothing at all is posted.
    const artist = await as(app, 'user')
    await app.db.projectPersonLink.create({ data: { project_id: file.prod.project.id, person_id: artist.id } })
    const own = await app.db.task.create({ data: { name: 'own', project_id: file.prod.project.id, entity_id: file.prod.asset.id, task_type_id: (await app.db.taskType.create({ data: { name: `Layout ${Date.now()}`, for_entity: 'Asset' } })).id, task_status_id: file.prod.status.id } })
    await app.db.taskPersonLink.create({ data: { task_id: own.id, person_id: artist.id } })
    const before = await app.db.comment.count()
    const refused = await app.inject({
      method: 'POST', url: '/actions/tasks/batch-comment', headers: artist.headers,
      payload: { comments: [{ task_id: own.id, task_status_id: file.prod.status.id, text: 'mine' }, { task_id: file.prod.task.id, task_status_id: file.prod.status.id, text: 'not mine' }] },
    })
    expect(refused.statusCode).toBe(403)
    expect(await app.db.comment.count()).toBe(before)
  })
})
