// files-and-previews.md §2-3: revision rules of working and output files (auto, explicit,
// per name, last revisions), uniqueness 400s, next-revision, defaults created on first use,
// events, concurrency (simultaneous creations get distinct revisions), and the lists.
import { describe, expect, it, beforeAll } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { as, type TestPerson } from '../../helpers/fixtures.ts'
import { countQueries } from '../../helpers/query-count.ts'
import { eventsDuring } from '../edits/fixtures.ts'
import { filesFixture } from './fixtures.ts'

const file = useFileAppWithProduction()
const app = () => file.t.app
let fx: Awaited<ReturnType<typeof filesFixture>>
let artist: TestPerson

beforeAll(async () => {
  fx = await filesFixture(app(), file.prod)
  artist = await as(app(), 'user')
  await app().db.projectPersonLink.create({ data: { project_id: file.prod.project.id, person_id: artist.id } })
})

const call = (who: TestPerson, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app().inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) })

async function newTask() {
  return app().db.task.create({
    data: { name: `t${Math.random()}`.slice(0, 10), project_id: file.prod.project.id, entity_id: file.prod.asset.id, task_type_id: file.prod.taskType.id, task_status_id: file.prod.status.id },
  })
}

describe('working files', () => {
  it('revision 0 is the next per (task, name); explicit revisions are kept; a duplicate is a 400', async () => {
    const task = await newTask()
    const create = (body: object) => call(artist, 'POST', `/data/tasks/${task.id}/working-files/new`, body)
    const revs = []
    for (const body of [{ name: 'main' }, { name: 'main' }, { name: 'main', revision: 7 }, { name: 'main' }, { name: 'fx' }]) {
      const res = await create(body)
      expect(res.statusCode).toBe(201)
      revs.push([res.json().name, res.json().revision])
    }
    expect(revs).toEqual([['main', 1], ['main', 2], ['main', 7], ['main', 8], ['fx', 1]])
    const dup = await create({ name: 'main', revision: 2 })
    expect(dup.statusCode).toBe(400)
    expect(dup.json()).toEqual({ error: 'The given working file already exists.' })

    const last = await call(artist, 'GET', `/data/tasks/${task.id}/working-files/last-revisions`)
    expect(Object.fromEntries(Object.entries(last.json() as Record<string, { revision: number }>).map(([k, v]) => [k, v.revision]))).toEqual({ main: 8, fx: 1 })
    const list = await call(artist, 'GET', `/data/tasks/${task.id}/working-files`)
    expect(list.json().map((w: { revision: number }) => w.revision)).toEqual([8, 7, 2, 1, 1])

    const path = await call(artist, 'POST', `/data/tasks/${task.id}/working-file-path`, { name: 'main' })
    expect(path.json().name).toMatch(/_main_v009$/)
  })

  it('creation stores the path, the default software Blender, the entity and the caller; assigns the caller (events)', async () => {
    const task = await newTask()
    let res!: Awaited<ReturnType<typeof call>>
    const events = await eventsDuring(app(), async () => {
      res = await call(artist, 'POST', `/data/tasks/${task.id}/working-files/new`, { name: 'main', comment: 'first', description: 'ignored' })
    })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    const blender = await app().db.software.findFirst({ where: { name: 'Blender' } })
    expect(blender).toMatchObject({ short_name: 'blender', file_extension: '.blend' })
    const projectName = file.prod.project.name.toLowerCase().replace(/ /g, '_')
    expect(body).toMatchObject({
      type: 'WorkingFile', name: 'main', revision: 1, comment: 'first', task_id: task.id, entity_id: file.prod.asset.id,
      person_id: artist.id, software_id: blender!.id, description: null,
      path: expect.stringMatching(new RegExp(`^/simple/productions/${projectName}/assets/.+/hero/.+/blender/${projectName}_.+_hero_.+_main_v001$`)),
    })
    const project_id = file.prod.project.id
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ['task:assign', { task_id: task.id, person_id: artist.id, project_id }],
      ['task:update', { task_id: task.id, project_id }],
      ['working-file:new', { working_file_id: body.id, project_id }],
    ])
    expect(await app().db.taskPersonLink.count({ where: { task_id: task.id, person_id: artist.id } })).toBe(1)
    // Already assigned: no second assignment.
    const again = await eventsDuring(app(), () => call(artist, 'POST', `/data/tasks/${task.id}/working-files/new`, { name: 'main' }))
    expect(again.map((e) => e.name)).toEqual(['working-file:new'])
  })

  it('five simultaneous creations with one name get five distinct revisions', async () => {
    const task = await newTask()
    const results = await Promise.all(Array.from({ length: 5 }, () => call(artist, 'POST', `/data/tasks/${task.id}/working-files/new`, { name: 'main' })))
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201])
    expect(results.map((r) => r.json().revision).sort()).toEqual([1, 2, 3, 4, 5])
  })

  it('unknown task or software → 404; body validated first; comment and modified updates', async () => {
    const missing = '00000000-0000-4000-8000-000000000000'
    expect((await call(artist, 'POST', `/data/tasks/${missing}/working-files/new`, { name: 'main' })).statusCode).toBe(404)
    expect((await call(artist, 'POST', `/data/tasks/${file.prod.task.id}/working-files/new`, { name: 'main', software_id: missing })).statusCode).toBe(404)
    const invalid = await call(artist, 'POST', `/data/tasks/${missing}/working-files/new`, { name: '' })
    expect(invalid.statusCode).toBe(400)
    // Too long for the columns: a 400, never a 500.
    const long = await call(artist, 'POST', `/data/tasks/${file.prod.task.id}/working-files/new`, { name: 'x'.repeat(300) })
    expect(long.statusCode).toBe(400)
    const huge = await call(artist, 'POST', `/data/tasks/${file.prod.task.id}/working-files/new`, { name: 'big', revision: 2 ** 40 })
    expect(huge.statusCode).toBe(400)
    const badFilter = await call(artist, 'GET', `/data/entities/${file.prod.asset.id}/output-files?output_type_id=nope`)
    expect(badFilter.statusCode).toBe(400)
    expect(badFilter.json()).toMatchObject({ error: true, message: 'Invalid UUID value: nope' })

    const created = (await call(file.manager, 'POST', `/data/tasks/${file.prod.task.id}/working-files/new`, { name: 'cmt' })).json()
    const comment = await call(file.manager, 'PUT', `/actions/working-files/${created.id}/comment`, { comment: 'looks good' })
    expect(comment.json()).toMatchObject({ id: created.id, comment: 'looks good' })
    await new Promise((r) => setTimeout(r, 1100))
    const touched = await call(file.manager, 'PUT', `/actions/working-files/${created.id}/modified`)
    expect(touched.json().updated_at > comment.json().updated_at).toBe(true)
    const read = await call(file.manager, 'GET', `/data/files/${created.id}`)
    expect(read.json()).toMatchObject({ id: created.id, type: 'WorkingFile', outputs: [] })
  })
})

describe('output files', () => {
  const url = () => `/data/entities/${file.prod.asset.id}/output-files`
  const base = () => ({ output_type_id: fx.outputType.id, task_type_id: file.prod.taskType.id })

  it('revision rule ignores representation, uniqueness does not; next-revision; default file status "To review"', async () => {
    const create = (body: object) => call(artist, 'POST', `${url()}/new`, { ...base(), ...body })
    const a = await create({ representation: 'abc' })
    expect(a.statusCode).toBe(201)
    expect(a.json()).toMatchObject({ revision: 1, representation: 'abc', name: 'main', person_id: artist.id, nb_elements: 1 })
    const b = await create({})
    expect(b.json().revision).toBe(2)
    expect((await create({ revision: 1 })).statusCode).toBe(201)
    const dup = await create({ revision: 1 })
    expect(dup.statusCode).toBe(400)
    expect(dup.json()).toEqual({ error: 'The given output file already exists.' })
    const status = await app().db.fileStatus.findFirst({ where: { name: 'To review' } })
    expect(status).toMatchObject({ color: '#FFFFFF' })
    expect(a.json().file_status_id).toBe(status!.id)

    const next = await call(artist, 'POST', `${url()}/next-revision`, base())
    expect(next.json()).toEqual({ next_revision: 3 })
    const otherName = await call(artist, 'POST', `${url()}/next-revision`, { ...base(), name: 'other' })
    expect(otherName.json()).toEqual({ next_revision: 1 })

    const last = await call(artist, 'GET', `${url()}/last-revisions`)
    expect(last.json().map((o: { representation: string; revision: number }) => [o.representation, o.revision])).toEqual([['', 2], ['abc', 1]])
    const listed = await call(artist, 'GET', url())
    expect(listed.json().map((o: { revision: number }) => o.revision)).toEqual([2, 1, 1])
    const abc = await call(artist, 'GET', `${url()}?representation=abc`)
    expect(abc.json().map((o: { revision: number }) => o.revision)).toEqual([1])
  })

  it('source working file, unknown ones, and the 400 bodies of entity vs instance creation', async () => {
    const wf = (await call(file.manager, 'POST', `/data/tasks/${file.prod.task.id}/working-files/new`, { name: 'src' })).json()
    const withSource = await call(artist, 'POST', `${url()}/new`, { ...base(), name: 'sourced', working_file_id: wf.id })
    expect(withSource.json().source_file_id).toBe(wf.id)
    expect((await call(artist, 'GET', `/data/files/${wf.id}`)).json().outputs).toEqual([withSource.json().id])
    const unknownSource = await call(artist, 'POST', `${url()}/new`, { ...base(), name: 'sourced', working_file_id: '00000000-0000-4000-8000-000000000000' })
    expect(unknownSource.json()).toMatchObject({ revision: 2, source_file_id: null })

    const badType = { ...base(), output_type_id: '00000000-0000-4000-8000-000000000000' }
    expect((await call(artist, 'POST', `${url()}/new`, badType)).json()).toEqual({ error: 'Cannot find given output type.' })
    const instanceNew = `/data/asset-instances/${fx.instance.id}/entities/${fx.shot.id}/output-files/new`
    expect((await call(artist, 'POST', instanceNew, badType)).json()).toEqual({ message: 'Cannot find given output type.' })
    const badPerson = { ...base(), person_id: '00000000-0000-4000-8000-000000000000' }
    expect((await call(artist, 'POST', instanceNew, badPerson)).json()).toEqual({ message: 'Cannot find given person.' })
    expect((await call(artist, 'POST', `${url()}/new`, { task_type_id: file.prod.taskType.id })).statusCode).toBe(400)
    const read = await call(artist, 'GET', `/data/files/${withSource.json().id}`)
    expect(read.json()).toMatchObject({ type: 'OutputFile', source_file_id: wf.id })
  })

  it('instance outputs: own revision counter, lists, output types, event with project_id', async () => {
    const instance = `/data/asset-instances/${fx.instance.id}/entities/${fx.shot.id}`
    let first!: Awaited<ReturnType<typeof call>>
    const events = await eventsDuring(app(), async () => {
      first = await call(artist, 'POST', `${instance}/output-files/new`, { ...base(), representation: 'abc' })
    })
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({
      revision: 1, entity_id: file.prod.asset.id, asset_instance_id: fx.instance.id, temporal_entity_id: fx.shot.id,
      folder_path: expect.stringMatching(/\/shot\/s01\/p01\/.+\/instance_0001\/abc$/),
      file_name: expect.stringMatching(/_main_hero_0001_v001$/),
    })
    expect(events).toEqual([expect.objectContaining({ name: 'output-file:new', data: { output_file_id: first.json().id, project_id: file.prod.project.id } })])
    expect((await call(artist, 'POST', `${instance}/output-files/new`, base())).json().revision).toBe(2)
    expect((await call(artist, 'POST', `${instance}/output-files/next-revision`, base())).json()).toEqual({ next_revision: 3 })

    const listed = await call(artist, 'GET', `/data/asset-instances/${fx.instance.id}/output-files?temporal_entity_id=${fx.shot.id}`)
    expect(listed.json().map((o: { revision: number }) => o.revision)).toEqual([2, 1])
    const last = await call(artist, 'GET', `${instance}/output-files/last-revisions`)
    expect(last.json().map((o: { revision: number }) => o.revision).sort()).toEqual([1, 2])
    const types = await call(artist, 'GET', `${instance}/output-types`)
    expect(types.json().map((t: { id: string }) => t.id)).toEqual([fx.outputType.id, fx.outputType.id])
    const ofType = await call(artist, 'GET', `${instance}/output-types/${fx.outputType.id}/output-files?representation=abc`)
    expect(ofType.json().map((o: { id: string }) => o.id)).toEqual([first.json().id])
    // Instance files stay out of the entity's own lists.
    const entityFiles = await call(artist, 'GET', url())
    expect(entityFiles.json().some((o: { asset_instance_id: string | null }) => o.asset_instance_id)).toBe(false)
  })

  it('output types of an entity, ordered by name, one per file; unknown output type → 404', async () => {
    const shot = `/data/entities/${fx.shot.id}`
    const zeta = await app().db.outputType.create({ data: { name: 'Zeta', short_name: 'z' } })
    const alpha = await app().db.outputType.create({ data: { name: 'Alpha', short_name: 'a' } })
    for (const t of [zeta, alpha, alpha]) await call(artist, 'POST', `${shot}/output-files/new`, { output_type_id: t.id, task_type_id: file.prod.taskType.id })
    const types = await call(artist, 'GET', `${shot}/output-types`)
    expect(types.json().map((t: { name: string }) => t.name)).toEqual(['Alpha', 'Alpha', 'Zeta'])
    const alphaFiles = await call(artist, 'GET', `${shot}/output-types/${alpha.id}/output-files`)
    expect(alphaFiles.json().map((o: { revision: number }) => o.revision)).toEqual([2, 1])
    expect((await call(artist, 'GET', `${shot}/output-types/00000000-0000-4000-8000-000000000000/output-files`)).statusCode).toBe(404)
    const project = await call(file.manager, 'GET', `/data/projects/${file.prod.project.id}/output-files?output_type_id=${alpha.id}`)
    expect(project.json().map((o: { revision: number }) => o.revision)).toEqual([2, 1])
  })

  it('five simultaneous publishes get five distinct revisions', async () => {
    const body = { ...base(), name: 'race' }
    const results = await Promise.all(Array.from({ length: 5 }, () => call(artist, 'POST', `${url()}/new`, body)))
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201])
    expect(results.map((r) => r.json().revision).sort()).toEqual([1, 2, 3, 4, 5])
  })
})

describe('vendors (EA)', () => {
  it('a vendor not assigned on the entity is refused the task and path routes, not the PA-only lists', async () => {
    const vendor = await as(app(), 'vendor')
    await app().db.projectPersonLink.create({ data: { project_id: file.prod.project.id, person_id: vendor.id } })
    const task = file.prod.task.id
    expect((await call(vendor, 'GET', `/data/tasks/${task}/working-files`)).statusCode).toBe(403)
    expect((await call(vendor, 'POST', `/data/tasks/${task}/working-file-path`, {})).statusCode).toBe(403)
    expect((await call(vendor, 'POST', `/data/tasks/${task}/working-files/new`, { name: 'main' })).statusCode).toBe(403)
    const body = { output_type_id: fx.outputType.id, task_type_id: file.prod.taskType.id }
    expect((await call(vendor, 'POST', `/data/entities/${file.prod.asset.id}/output-file-path`, body)).statusCode).toBe(403)
    expect((await call(vendor, 'GET', `/data/entities/${file.prod.asset.id}/output-files`)).statusCode).toBe(200)
    await app().db.taskPersonLink.create({ data: { task_id: task, person_id: vendor.id } })
    expect((await call(vendor, 'POST', `/data/tasks/${task}/working-file-path`, {})).statusCode).toBe(200)
  })
})

describe('list routes run a fixed number of statements', () => {
  it('whatever the number of rows', async () => {
    const task = await newTask()
    const shot = fx.shot.id
    const urls = () => [
      `/data/tasks/${task.id}/working-files`,
      `/data/tasks/${task.id}/working-files/last-revisions`,
      `/data/entities/${file.prod.asset.id}/working-files?relations=true`,
      `/data/entities/${shot}/output-files`,
      `/data/entities/${shot}/output-files/last-revisions`,
      `/data/entities/${shot}/output-types`,
      `/data/entities/${shot}/output-types/${fx.outputType.id}/output-files`,
      `/data/projects/${file.prod.project.id}/output-files`,
      `/data/asset-instances/${fx.instance.id}/output-files`,
      `/data/asset-instances/${fx.instance.id}/entities/${shot}/output-files/last-revisions`,
    ]
    const counts = async () => {
      const out: number[] = []
      for (const u of urls()) {
        const { result, sql } = await countQueries(() => call(file.manager, 'GET', u))
        expect(result.statusCode, u).toBe(200)
        out.push(sql.length)
      }
      return out
    }
    const before = await counts()
    for (let i = 0; i < 4; i++) {
      await call(file.manager, 'POST', `/data/tasks/${task.id}/working-files/new`, { name: `n${i}` })
      await call(file.manager, 'POST', `/data/entities/${shot}/output-files/new`, { output_type_id: fx.outputType.id, task_type_id: file.prod.taskType.id, name: `n${i}` })
      await call(file.manager, 'POST', `/data/asset-instances/${fx.instance.id}/entities/${shot}/output-files/new`, { output_type_id: fx.outputType.id, task_type_id: file.prod.taskType.id, name: `n${i}` })
    }
    const after = await counts()
    expect(after).toEqual(before)
    // Auth + access check (+ the output type lookup) + the list.
    expect(after).toEqual([3, 3, 3, 3, 3, 3, 4, 2, 3, 3])
  })
})
