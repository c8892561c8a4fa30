// POST /actions/projects/:project_id/delete-entities (routes.md §16): per-kind rules (cancel
// live entities with tasks, remove canceled ones, concepts always, sequences skipped), the
// events of the single deletes, the shots' readiness refreshed when a cast asset goes, and
// the body / project checks.
import { beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { as, makeProduction } from '../../helpers/fixtures.ts'
import { makeBreakdown, makeEntity, type Breakdown } from '../breakdown/fixtures.ts'
import { assetsReady, eventsDuring, send } from '../breakdown/helpers.ts'

const file = useFileAppWithProduction()
let bd: Breakdown
const app = () => file.t.app
const p = () => file.prod.project.id
const url = (q = '') => `/actions/projects/${p()}/delete-entities${q}`
const exists = async (id: string) => !!(await app().db.entity.findUnique({ where: { id } }))
const canceled = async (id: string) => (await app().db.entity.findUnique({ where: { id } }))?.canceled

async function withTask(entityId: string) {
  return app().db.task.create({
    data: { name: 'main', project_id: p(), entity_id: entityId, task_type_id: file.prod.taskType.id, task_status_id: file.prod.status.id },
  })
}

beforeAll(async () => {
  bd = await makeBreakdown(app(), file.prod)
  // Hero and Chair are ready for every shot task; both cast in shot 1.
  await app().db.entity.updateMany({ where: { id: { in: [bd.hero.id, bd.chair.id] } }, data: { ready_for: bd.animation.id } })
  const res = await send(app(), file.manager, 'PUT', `/data/projects/${p()}/entities/${bd.shot1.id}/casting`,
    [bd.hero, bd.chair].map((a) => ({ asset_id: a.id, nb_occurences: 1 })))
  expect(res.status).toBe(200)
  expect(await assetsReady(app(), bd.layoutTask.id)).toBe(2)
})

describe('delete-entities', () => {
  it('cancels a live asset with tasks and refreshes the readiness of the shots casting it', async () => {
    const events = await eventsDuring(app(), async () => {
      expect(await send(app(), file.manager, 'POST', url(), [bd.hero.id])).toEqual({ status: 200, body: [bd.hero.id] })
    })
    expect(await canceled(bd.hero.id)).toBe(true)
    expect(await assetsReady(app(), bd.layoutTask.id)).toBe(1)
    expect(events.map((e) => e.name)).toEqual(['asset:update', 'task:update-casting-stats', 'task:update-casting-stats'])
    expect(events[0].data).toEqual({ asset_id: bd.hero.id, project_id: p() })
  })

  it('removes a canceled asset, an asset without tasks, a concept; skips sequences, unknown ids and other projects', async () => {
    const concept = await makeEntity(app(), p(), 'Concept', 'Idea')
    await withTask(concept.id)
    const other = await makeProduction(app(), [{ id: file.manager.id }])
    const unknown = randomUUID()
    const body = [bd.hero.id, bd.chair.id, concept.id, bd.sequence.id, unknown, other.asset.id]
    const heroTask = await app().db.task.findFirst({ where: { entity_id: bd.hero.id } })
    const events = await eventsDuring(app(), async () => {
      const res = await send(app(), file.manager, 'POST', url(), body)
      expect(res).toEqual({ status: 200, body: [bd.hero.id, bd.chair.id, concept.id] })
    })
    for (const id of [bd.hero.id, bd.chair.id, concept.id]) expect(await exists(id)).toBe(false)
    for (const id of [bd.sequence.id, other.asset.id]) expect(await exists(id)).toBe(true)
    // Nothing cast in shot 1 any more: readiness 0, casting count recomputed.
    expect(await assetsReady(app(), bd.layoutTask.id)).toBe(0)
    expect((await app().db.entity.findUnique({ where: { id: bd.shot1.id } }))?.nb_entities_out).toBe(0)
    const names = events.map((e) => e.name)
    expect(names.filter((n) => n.startsWith('task:delete'))).toHaveLength(2)
    expect(events.find((e) => e.name === 'task:delete' && e.data.task_id === heroTask!.id)?.data).toEqual({
      task_id: heroTask!.id, entity_id: bd.hero.id, task_type_id: file.prod.taskType.id, project_id: p(),
    })
    expect(names.filter((n) => n.endsWith(':delete') && !n.startsWith('task')).sort()).toEqual(['asset:delete', 'asset:delete', 'concept:delete'])
    expect(names.filter((n) => n.startsWith('task:update-casting-stats'))).toHaveLength(2)
  })

  it('force deletes live entities with tasks; shots and edits follow the same rule', async () => {
    const shot = await makeEntity(app(), p(), 'Shot', 'SH900', { parent_id: bd.sequence.id })
    const edit = await makeEntity(app(), p(), 'Edit', 'Cut')
    await withTask(shot.id)
    await withTask(edit.id)
    expect((await send(app(), file.manager, 'POST', url(), [shot.id, edit.id])).body).toEqual([shot.id, edit.id])
    expect([await canceled(shot.id), await canceled(edit.id)]).toEqual([true, true])
    const shot2 = await makeEntity(app(), p(), 'Shot', 'SH901', { parent_id: bd.sequence.id })
    await withTask(shot2.id)
    const events = await eventsDuring(app(), async () => {
      expect((await send(app(), file.manager, 'POST', url('?force=true'), [shot2.id])).body).toEqual([shot2.id])
    })
    expect(await exists(shot2.id)).toBe(false)
    expect(events.map((e) => e.name)).toEqual(['task:delete', 'shot:delete'])
  })

  it('refuses bad bodies, unknown projects and entities the caller may not delete', async () => {
    expect(await send(app(), file.manager, 'POST', url(), { ids: [] })).toEqual({ status: 400, body: { error: true, message: 'Request body must be a JSON array.', data: null } })
    expect((await send(app(), file.manager, 'POST', url(), ['nope'])).body).toMatchObject({ message: 'Request body must only contain valid UUIDs.' })
    expect((await send(app(), file.manager, 'POST', `/actions/projects/${randomUUID()}/delete-entities`, [])).status).toBe(404)
    expect(await send(app(), file.manager, 'POST', url(), [])).toEqual({ status: 200, body: [] })
    // An artist of the team may delete what they created, not the rest.
    const artist = await as(app(), 'user')
    await app().db.projectPersonLink.create({ data: { project_id: p(), person_id: artist.id } })
    const mine = await makeEntity(app(), p(), 'Shot', 'SH902', { parent_id: bd.sequence.id, created_by: artist.id })
    expect((await send(app(), artist, 'POST', url(), [mine.id, bd.table.id])).status).toBe(403)
    expect(await exists(mine.id)).toBe(true)
    expect((await send(app(), artist, 'POST', url(), [mine.id])).body).toEqual([mine.id])
  })
})
