// The shared person task row builder (routes.md §4 shared shapes), against the real database:
// episode rules per entity kind, assignees, last non-client comment, casting episodes.
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { createPerson } from '../../helpers/fixtures.ts'
import { makeEntity, makeTask, makeTree } from '../sequences/helpers.ts'
import { personTaskRows } from '../../../src/services/person-task-rows.ts'
import { sql } from '../../../src/crud/select.ts'

const file = useFileAppWithProduction()

describe('personTaskRows', () => {
  it('builds the context keys of every entity kind in one query', async () => {
    const { app } = file.t
    const artist = await createPerson(app, 'user')
    const tree = await makeTree(app, file.prod, { assign: [artist.id], tag: 'ptr' })
    const stray = await makeEntity(app, file.prod, file.prod.assetType.name, 'Stray', { source_id: tree.shot.id })
    const strayTask = await makeTask(app, file.prod, stray.id, [artist.id])
    const rows = await personTaskRows(app, {
      where: sql`t.id IN (SELECT task_id FROM task_person_link WHERE person_id = ${artist.id}::uuid)`,
      orderBy: sql`e.name`, columns: 'task',
    })
    const byEntity = Object.fromEntries(rows.map((r) => [r.entity_name, r]))
    expect(Object.keys(byEntity).sort()).toEqual(['A-ptr', 'E-ptr', 'SH-ptr', 'SQ-ptr', 'Stray'])
    const shot = byEntity['SH-ptr']
    expect(shot).toMatchObject({
      id: tree.tasks.shot.id, type: 'Task', project_id: file.prod.project.id, project_name: file.prod.project.name,
      project_has_avatar: false, entity_id: tree.shot.id, entity_preview_file_id: '', entity_source_id: '',
      entity_type_name: 'Shot', entity_canceled: false, sequence_name: 'SQ-ptr',
      episode_id: tree.episode.id, episode_name: 'E-ptr', task_type_for_entity: 'Asset', assignees: [artist.id],
      task_type_name: file.prod.taskType.name, task_status_name: 'Todo', task_status_short_name: 'todo',
      task_estimation: 0, task_duration: 0, task_start_date: null,
    })
    // Zou: a sequence's "sequence" is its parent (the episode); its episode is that parent.
    expect(byEntity['SQ-ptr']).toMatchObject({ sequence_name: 'E-ptr', episode_id: tree.episode.id, episode_name: 'E-ptr' })
    expect(byEntity['E-ptr']).toMatchObject({ sequence_name: null, episode_id: '', episode_name: null })
    expect(byEntity['A-ptr']).toMatchObject({ entity_source_id: tree.episode.id, episode_id: tree.episode.id, episode_name: 'E-ptr' })
    expect(byEntity.Stray).toMatchObject({ id: strayTask.id, episode_id: tree.shot.id, episode_name: 'MP' })
    expect(shot.last_comment).toBeUndefined()
  })

  it('adds the last non-client comment and the casting episodes when asked', async () => {
    const { app } = file.t
    const artist = await createPerson(app, 'user')
    const client = await createPerson(app, 'client')
    const tree = await makeTree(app, file.prod, { assign: [artist.id], tag: 'lc' })
    const other = await makeEntity(app, file.prod, 'Episode', 'E-lc-2')
    await app.db.entityLink.createMany({ data: [{ entity_in_id: tree.episode.id, entity_out_id: tree.asset.id }, { entity_in_id: other.id, entity_out_id: tree.asset.id }] })
    const comment = (at: string, person_id: string, text: string) => app.db.comment.create({
      data: { object_id: tree.tasks.asset.id, object_type: 'Task', person_id, text, task_status_id: file.prod.status.id, created_at: new Date(at) },
    })
    await comment('2024-01-01T10:00:00Z', artist.id, 'first')
    await comment('2024-01-02T10:00:00Z', artist.id, 'second')
    await comment('2024-01-03T10:00:00Z', client.id, 'from the client')
    const rows = await personTaskRows(app, {
      where: sql`t.entity_id IN (${tree.asset.id}::uuid, ${tree.shot.id}::uuid)`, orderBy: sql`e.name`,
      columns: 'short', lastComment: true, castEpisodes: true,
    })
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({
      entity_name: 'A-lc', last_comment: { text: 'second', date: '2024-01-02T10:00:00', person_id: artist.id },
      episode_ids: [tree.episode.id, other.id], episode_names: ['E-lc', 'E-lc-2'],
      type_name: file.prod.taskType.name, status_name: 'Todo', status_short_name: 'todo',
    })
    expect(rows[1]).toMatchObject({ entity_name: 'SH-lc', last_comment: {} })
    expect(rows[1].episode_ids).toBeUndefined()
    expect(rows[1].task_type_name).toBeUndefined()
  })
})
