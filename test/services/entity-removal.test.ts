// The shared entity core: removal rules per kind (cancel vs forced cascade), what remains
// in the database afterwards, and the events, on a real database through the app's pool.
import { describe, expect, it } from 'vitest'
import type { FastifyRequest } from 'fastify'
import { useFileAppWithProduction } from '../helpers/file-app.ts'
import { createCtx, type Ctx } from '../../src/crud/context.ts'
import { loadEntity } from '../../src/services/entities/load.ts'
import { deleteEntity } from '../../src/services/entities/remove.ts'
import { detailedTasks } from '../../src/services/entities/task-list.ts'
import { previewFilesByTaskType } from '../../src/services/entities/preview-files.ts'
import { sql } from '../../src/crud/select.ts'

const file = useFileAppWithProduction()

async function adminCtx(): Promise<Ctx> {
  const { rows } = await file.t.app.pool.query('SELECT id FROM person WHERE email = $1', [file.admin.email])
  const actor = { id: rows[0].id, role: 'admin', email: file.admin.email, identityType: 'person', claims: {}, teams: [], departments: [] }
  return createCtx(file.t.app, { actor } as unknown as FastifyRequest)
}

async function typeId(name: string) {
  const db = file.t.app.db
  return ((await db.entityType.findFirst({ where: { name } })) ?? (await db.entityType.create({ data: { name } }))).id
}

async function entity(name: string, type: string, parent_id: string | null = null, source_id: string | null = null) {
  return file.t.app.db.entity.create({
    data: { name, project_id: file.prod.project.id, entity_type_id: await typeId(type), parent_id, source_id },
  })
}

async function task(entityId: string) {
  const { prod } = file
  return file.t.app.db.task.create({
    data: { name: 'main', project_id: prod.project.id, entity_id: entityId, task_type_id: prod.taskType.id, task_status_id: prod.status.id },
  })
}

const count = async (text: string, values: unknown[]) => Number((await file.t.app.pool.query(text, values)).rows[0].n)

describe('entity removal', () => {
  it('cancels an asset with tasks unless forced, then removes it with its tasks, comments, previews and casting', async () => {
    const ctx = await adminCtx()
    const asset = await entity('Prop', file.prod.assetType.name)
    const shot = await entity('SH010', 'Shot')
    const t = await task(asset.id)
    await file.t.app.db.comment.create({ data: { object_id: t.id, object_type: 'Task', text: 'hi', task_status_id: file.prod.status.id, person_id: (await ctx.actor).id } })
    await file.t.app.db.previewFile.create({ data: { name: 'p', task_id: t.id, revision: 1 } })
    await file.t.app.db.entityLink.create({ data: { entity_in_id: shot.id, entity_out_id: asset.id, nb_occurences: 2 } })
    await file.t.app.db.entity.update({ where: { id: shot.id }, data: { nb_entities_out: 1 } })

    const events: string[] = []
    const off = file.t.app.events.on((e) => { events.push(`${e.name} ${JSON.stringify(e.data)}`) })
    const row = await loadEntity(ctx, asset.id, 'Asset')
    expect(await deleteEntity(ctx, row, false)).toBe('canceled')
    expect((await file.t.app.db.entity.findUnique({ where: { id: asset.id } }))?.canceled).toBe(true)
    expect(events.some((e) => e.startsWith('asset:update'))).toBe(true)

    expect(await deleteEntity(ctx, row, true)).toBe('deleted')
    off()
    expect(await count('SELECT count(*) AS n FROM entity WHERE id = $1', [asset.id])).toBe(0)
    expect(await count('SELECT count(*) AS n FROM task WHERE entity_id = $1', [asset.id])).toBe(0)
    expect(await count('SELECT count(*) AS n FROM comment WHERE object_id = $1', [t.id])).toBe(0)
    expect(await count('SELECT count(*) AS n FROM preview_file WHERE task_id = $1', [t.id])).toBe(0)
    expect(await count('SELECT count(*) AS n FROM entity_link WHERE entity_out_id = $1', [asset.id])).toBe(0)
    expect((await file.t.app.db.entity.findUnique({ where: { id: shot.id } }))?.nb_entities_out).toBe(0)
    expect(events).toContain(`task:delete ${JSON.stringify({ task_id: t.id, entity_id: asset.id, task_type_id: file.prod.taskType.id, project_id: file.prod.project.id })}`)
    expect(events).toContain(`asset:delete ${JSON.stringify({ asset_id: asset.id, project_id: file.prod.project.id })}`)
  })

  it('refuses an episode with content unless forced, then cascades to its sequences, shots and main-episode assets', async () => {
    const ctx = await adminCtx()
    const ep = await entity('E01', 'Episode')
    const seq = await entity('SQ01', 'Sequence', ep.id)
    const shot = await entity('SH020', 'Shot', seq.id)
    const asset = await entity('Tree', file.prod.assetType.name, null, ep.id)
    const other = await entity('Rock', file.prod.assetType.name)
    await task(shot.id)
    const row = await loadEntity(ctx, ep.id, 'Episode')
    await expect(deleteEntity(ctx, row, false)).rejects.toMatchObject({ statusCode: 400, body: { message: 'Some data are still linked to this episode.' } })
    expect(await count('SELECT count(*) AS n FROM entity WHERE id = ANY($1::uuid[])', [[ep.id, seq.id, shot.id, asset.id]])).toBe(4)

    expect(await deleteEntity(ctx, row, true)).toBe('deleted')
    expect(await count('SELECT count(*) AS n FROM entity WHERE id = ANY($1::uuid[])', [[ep.id, seq.id, shot.id, asset.id]])).toBe(0)
    expect(await count('SELECT count(*) AS n FROM entity WHERE id = $1', [other.id])).toBe(1)
  })

  it('loads by kind: an id of another kind is a 404', async () => {
    const ctx = await adminCtx()
    await expect(loadEntity(ctx, file.prod.asset.id, 'Shot')).rejects.toMatchObject({ statusCode: 404 })
    await expect(loadEntity(ctx, 'not-a-uuid', 'Asset')).rejects.toMatchObject({ statusCode: 404 })
    expect((await loadEntity(ctx, file.prod.asset.id, 'Asset')).kind).toBe('Asset')
  })

  it('lists detailed tasks with names and, on request, assignees; and preview files by task type and revision', async () => {
    const ctx = await adminCtx()
    const { prod } = file
    const tasks = await detailedTasks(ctx, sql`t.entity_id = ${prod.asset.id}::uuid`, true)
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({ id: prod.task.id, type: 'Task', entity_name: 'Hero', task_type_name: prod.taskType.name, assignees: [] })
    await file.t.app.db.previewFile.create({ data: { name: 'a', task_id: prod.task.id, revision: 1, position: 1 } })
    await file.t.app.db.previewFile.create({ data: { name: 'b', task_id: prod.task.id, revision: 2, position: 1 } })
    await file.t.app.db.previewFile.create({ data: { name: 'c', task_id: prod.task.id, revision: 2, position: 2 } })
    const byType = await previewFilesByTaskType(ctx, prod.asset.id)
    const revisions = byType[prod.taskType.id]
    expect(revisions.map((r) => r.revision)).toEqual([2, 1])
    expect((revisions[0].previews as Array<{ position: number }>).map((p) => p.position)).toEqual([2])
  })
})
