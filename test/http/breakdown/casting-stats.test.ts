// routes.md §2 DELETE of an asset (the shared deleteEntity): canceling or removing an asset
// refreshes the readiness of the shots casting it, with unpersisted events after commit.
import { beforeAll, describe, expect, it } from 'vitest'
import type { FastifyRequest } from 'fastify'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { createCtx, type Ctx } from '../../../src/crud/context.ts'
import { loadEntity } from '../../../src/services/entities/load.ts'
import { deleteEntity } from '../../../src/services/entities/remove.ts'
import { makeBreakdown, type Breakdown } from './fixtures.ts'
import { assetsReady, eventsDuring, send } from './helpers.ts'

const file = useFileAppWithProduction()
let bd: Breakdown
const app = () => file.t.app

function adminCtx(): Ctx {
  const actor = { id: file.admin.id, role: 'admin', email: file.admin.email, identityType: 'person', claims: {}, teams: [], departments: [] }
  return createCtx(app(), { actor } as unknown as FastifyRequest)
}

beforeAll(async () => {
  bd = await makeBreakdown(app(), file.prod)
  await app().db.entity.updateMany({ where: { id: { in: [bd.hero.id, bd.chair.id, bd.table.id] } }, data: { ready_for: bd.animation.id } })
  for (const shot of [bd.shot1, bd.shot2]) {
    const res = await send(app(), file.manager, 'PUT', `/data/projects/${file.prod.project.id}/entities/${shot.id}/casting`,
      [bd.hero, bd.chair, bd.table].map((a) => ({ asset_id: a.id, nb_occurences: 1 })))
    expect(res.status).toBe(200)
  }
  expect(await assetsReady(app(), bd.layoutTask.id)).toBe(3)
})

describe('asset removal and casting readiness', () => {
  it('canceling an asset (it has tasks) lowers the readiness of the shot tasks', async () => {
    const ctx = adminCtx()
    const events = await eventsDuring(app(), async () => {
      expect(await deleteEntity(ctx, await loadEntity(ctx, bd.hero.id, 'Asset'), false)).toBe('canceled')
    })
    expect(await assetsReady(app(), bd.layoutTask.id)).toBe(2)
    expect(await assetsReady(app(), bd.animationTask.id)).toBe(2)
    expect(events.map((e) => [e.name, e.data.task_id ?? e.data.asset_id, e.data.nb_assets_ready ?? null])).toEqual([
      ['asset:update', bd.hero.id, null],
      ...[bd.layoutTask.id, bd.animationTask.id].sort().map((id) => ['task:update-casting-stats', id, 2]),
    ])
    const { rowCount } = await app().pool.query(`SELECT 1 FROM api_event WHERE name = 'task:update-casting-stats'`)
    expect(rowCount).toBe(0)
  })

  it('removing an asset without tasks drops its links and refreshes the shots casting it', async () => {
    const ctx = adminCtx()
    const events = await eventsDuring(app(), async () => {
      expect(await deleteEntity(ctx, await loadEntity(ctx, bd.table.id, 'Asset'), false)).toBe('deleted')
    })
    expect(await assetsReady(app(), bd.layoutTask.id)).toBe(1)
    expect(events.map((e) => e.name)).toEqual(['asset:delete', 'task:update-casting-stats', 'task:update-casting-stats'])
    expect((await app().db.entity.findUnique({ where: { id: bd.shot2.id } }))?.nb_entities_out).toBe(2)
  })
})
