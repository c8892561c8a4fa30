// routes.md §25 and crud.md §11.2: a template snapshotted from a project, applied to a
// project (the action route, and POST /data/projects with project_template_id). What is
// copied and what is kept, the events after commit, and all-or-nothing on failure.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { useFileApp } from '../../helpers/file-app.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { call, eventsFor, uniq } from '../crud/helpers.ts'
import {
  PROJECT_NOT_FOUND, TEMPLATE_NOT_FOUND, assetType, automation, background, department, taskStatus, taskType, template, templateEvents,
} from './helpers.ts'

const file = useFileApp()
const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => call(file.t.app, method, url, file.admin.headers, payload)

/** A project configured with one of everything a template copies. */
async function configuredProject(app: FastifyInstance) {
  const { project } = await makeProduction(app)
  const [tt, ts, at, sa, bg, dep] = [await taskType(app), await taskStatus(app), await assetType(app), await automation(app), await background(app), await department(app)]
  await app.db.project.update({
    where: { id: project.id },
    data: {
      fps: '30', ratio: '2.39', resolution: '2048x858', production_type: 'featurefilm', production_style: 'vfx', max_retakes: 3,
      is_clients_isolated: true, homepage: 'shots', hd_bitrate_compression: 20, file_tree: { working: { mountpoint: '/w' } },
      data: { budget: 'big' }, default_preview_background_file_id: bg.id, description: 'not copied',
    },
  })
  await app.db.projectTaskTypeLink.create({ data: { project_id: project.id, task_type_id: tt.id, priority: 4 } })
  await app.db.projectTaskStatusLink.create({ data: { project_id: project.id, task_status_id: ts.id, priority: 2, roles_for_board: ['supervisor'] } })
  await app.db.projectAssetTypeLink.create({ data: { project_id: project.id, asset_type_id: at.id } })
  await app.db.projectStatusAutomationLink.create({ data: { project_id: project.id, status_automation_id: sa.id } })
  await app.db.projectPreviewBackgroundFileLink.create({ data: { project_id: project.id, preview_background_file_id: bg.id } })
  const md = await app.db.metadataDescriptor.create({
    data: { project_id: project.id, entity_type: 'Asset', name: 'Difficulty', field_name: 'difficulty', data_type: 'list', choices: ['easy', 'hard'], for_client: true, position: 1 },
  })
  await app.db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: md.id, department_id: dep.id } })
  await app.db.metadataDescriptor.create({ data: { project_id: project.id, entity_type: 'Task', task_type_id: tt.id, name: 'Take', field_name: 'take', data_type: 'number' } })
  return { project, tt, ts, at, sa, bg, dep }
}

const descriptorsOf = (app: FastifyInstance, projectId: string) =>
  app.db.metadataDescriptor.findMany({
    where: { project_id: projectId }, orderBy: { name: 'asc' },
    include: { department_metadata_descriptor_link__metadata_descriptor_id: { select: { department_id: true } } },
  })

describe('POST /data/project-templates/from-project/:project_id', () => {
  it('copies the settings, links and descriptors of the project into a new template', async () => {
    const { app } = file.t
    const src = await configuredProject(app)
    const name = uniq('Feature ')
    const res = await send('POST', `/data/project-templates/from-project/${src.project.id}`, { name, description: 'from a film' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name, description: 'from a film', type: 'ProjectTemplate', fps: '30', ratio: '2.39', resolution: '2048x858',
      production_type: 'featurefilm', production_style: 'vfx', max_retakes: 3, is_clients_isolated: true, homepage: 'shots',
      hd_bitrate_compression: 20, ld_bitrate_compression: 6, file_tree: { working: { mountpoint: '/w' } }, data: { budget: 'big' },
      default_preview_background_file_id: src.bg.id,
    })
    expect(res.body).not.toHaveProperty('task_types')
    expect(res.body.metadata_descriptors).toEqual([
      { name: 'Difficulty', field_name: 'difficulty', entity_type: 'Asset', task_type_id: null, data_type: 'list', choices: ['easy', 'hard'], for_client: true, departments: [src.dep.id], position: 1 },
      { name: 'Take', field_name: 'take', entity_type: 'Task', task_type_id: src.tt.id, data_type: 'number', choices: [], for_client: false, departments: [], position: null },
    ])
    const id = res.body.id
    const where = { where: { project_template_id: id } }
    expect(await app.db.projectTemplateTaskTypeLink.findMany(where)).toMatchObject([{ task_type_id: src.tt.id, priority: 4 }])
    expect(await app.db.projectTemplateTaskStatusLink.findMany(where)).toMatchObject([{ task_status_id: src.ts.id, priority: 2, roles_for_board: ['supervisor'] }])
    expect(await app.db.projectTemplateAssetTypeLink.findMany(where)).toMatchObject([{ asset_type_id: src.at.id }])
    expect(await app.db.projectTemplateStatusAutomationLink.findMany(where)).toMatchObject([{ status_automation_id: src.sa.id }])
    expect(await app.db.projectTemplatePreviewBackgroundFileLink.findMany(where)).toMatchObject([{ preview_background_file_id: src.bg.id }])
    expect(await templateEvents(app, 'project-template:new', id)).toEqual([{ data: { project_template_id: id }, project_id: null, user_id: file.admin.id }])
  })

  it('answers Zou 400/404s and writes nothing', async () => {
    const { app } = file.t
    const { project } = await makeProduction(app)
    const existing = await template(app)
    const before = await app.db.projectTemplate.count()
    const url = `/data/project-templates/from-project/${project.id}`
    expect(await send('POST', url, { name: existing.name })).toMatchObject({ status: 400, body: { message: 'A project template with this name already exists' } })
    expect(await send('POST', url, {})).toMatchObject({ status: 400, body: { error: true, message: 'Validation error.' } })
    expect(await send('POST', url, { name: '' })).toMatchObject({ status: 400, body: { message: 'Validation error.' } })
    for (const id of [randomUUID(), 'nope']) {
      const res = await send('POST', `/data/project-templates/from-project/${id}`, { name: uniq('X ') })
      expect(res.status).toBe(404)
      expect(res.body).toEqual(PROJECT_NOT_FOUND)
    }
    expect(await app.db.projectTemplate.count()).toBe(before)
  })
})

describe('POST /data/projects/:project_id/apply-template/:project_template_id', () => {
  it('writes the settings, adds missing links, creates missing descriptors, then emits', async () => {
    const { app } = file.t
    const src = await configuredProject(app)
    const tpl = (await send('POST', `/data/project-templates/from-project/${src.project.id}`, { name: uniq('Tpl ') })).body
    const { project } = await makeProduction(app)
    // Existing links keep their values; an existing descriptor (same entity type and name) is kept.
    await app.db.projectTaskTypeLink.create({ data: { project_id: project.id, task_type_id: src.tt.id, priority: 9 } })
    await app.db.metadataDescriptor.create({ data: { project_id: project.id, entity_type: 'Asset', name: 'Difficulty', field_name: 'difficulty', data_type: 'string' } })
    const seen: string[] = []
    const off = app.events.on((e) => { if (e.projectId === project.id) seen.push(e.name) })

    const res = await send('POST', `/data/projects/${project.id}/apply-template/${tpl.id}`)
    off()
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: project.id, type: 'Project', name: project.name, fps: '30', ratio: '2.39', production_style: 'vfx', homepage: 'shots',
      file_tree: { working: { mountpoint: '/w' } }, data: { budget: 'big' }, default_preview_background_file_id: src.bg.id,
    })
    expect(res.body).not.toHaveProperty('project_status_name')
    expect(res.body).not.toHaveProperty('task_types')
    const where = { where: { project_id: project.id } }
    expect(await app.db.projectTaskTypeLink.findMany(where)).toMatchObject([{ task_type_id: src.tt.id, priority: 9 }])
    expect(await app.db.projectTaskStatusLink.findMany(where)).toMatchObject([{ task_status_id: src.ts.id, priority: 2, roles_for_board: ['supervisor'] }])
    expect(await app.db.projectAssetTypeLink.count(where)).toBe(1)
    expect(await app.db.projectStatusAutomationLink.count(where)).toBe(1)
    expect(await app.db.projectPreviewBackgroundFileLink.count(where)).toBe(1)
    const descriptors = await descriptorsOf(app, project.id)
    expect(descriptors.map((d) => [d.name, d.data_type, d.task_type_id])).toEqual([['Difficulty', 'string', null], ['Take', 'number', src.tt.id]])
    expect(seen).toEqual(['metadata-descriptor:new', 'project:update'])
    const take = descriptors[1]
    expect(await eventsFor(app, 'metadata-descriptor:new', 'metadata_descriptor_id', take.id)).toEqual([
      { name: 'metadata-descriptor:new', data: { metadata_descriptor_id: take.id, project_id: project.id }, project_id: project.id },
    ])

    // A second application adds nothing new and keeps the project's own default background.
    const other = await background(app)
    await app.db.projectPreviewBackgroundFileLink.create({ data: { project_id: project.id, preview_background_file_id: other.id } })
    await app.db.project.update({ where: { id: project.id }, data: { default_preview_background_file_id: other.id } })
    expect((await send('POST', `/data/projects/${project.id}/apply-template/${tpl.id}`)).body.default_preview_background_file_id).toBe(other.id)
    expect(await app.db.metadataDescriptor.count(where)).toBe(2)
  })

  it('links descriptor departments and skips snapshot entries that cannot become descriptors', async () => {
    const { app } = file.t
    const dep = await department(app)
    const tpl = await template(app, {
      metadata_descriptors: [
        { name: 'Mood', entity_type: 'Shot', data_type: 'string', departments: [dep.id, randomUUID(), 'x'] },
        { name: 'Mood', entity_type: 'Shot', data_type: 'number' },
        { name: 'Bad type', entity_type: 'Shot', data_type: 'colour' },
        { name: 'No kind' },
        { name: 'Ghost task type', entity_type: 'Task', task_type_id: randomUUID() },
        'not an object',
      ],
    })
    const { project } = await makeProduction(app)
    expect((await send('POST', `/data/projects/${project.id}/apply-template/${tpl.id}`)).status).toBe(200)
    const descriptors = await descriptorsOf(app, project.id)
    expect(descriptors).toHaveLength(1)
    expect(descriptors[0]).toMatchObject({ name: 'Mood', field_name: 'mood', data_type: 'string', entity_type: 'Shot' })
    expect(descriptors[0].department_metadata_descriptor_link__metadata_descriptor_id).toEqual([{ department_id: dep.id }])
  })

  it('answers 404s with Zou bodies (project first)', async () => {
    const { app } = file.t
    const tpl = await template(app)
    const { project } = await makeProduction(app)
    for (const [p, t, body] of [
      [randomUUID(), tpl.id, PROJECT_NOT_FOUND], ['nope', randomUUID(), PROJECT_NOT_FOUND],
      [project.id, randomUUID(), TEMPLATE_NOT_FOUND], [project.id, 'nope', TEMPLATE_NOT_FOUND],
    ] as const) {
      const res = await send('POST', `/data/projects/${p}/apply-template/${t}`)
      expect(res.status).toBe(404)
      expect(res.body).toEqual(body)
    }
  })

  it('leaves nothing behind when a step fails', async () => {
    const { app } = file.t
    const tt = await taskType(app)
    const tpl = await template(app, { fps: '60', metadata_descriptors: [{ name: 'N'.repeat(200), entity_type: 'Asset' }] })
    await app.db.projectTemplateTaskTypeLink.create({ data: { project_template_id: tpl.id, task_type_id: tt.id } })
    const { project } = await makeProduction(app)
    const res = await send('POST', `/data/projects/${project.id}/apply-template/${tpl.id}`)
    expect(res.status).toBe(400)
    expect((await app.db.project.findUnique({ where: { id: project.id } }))!.fps).toBe('25')
    expect(await app.db.projectTaskTypeLink.count({ where: { project_id: project.id, task_type_id: tt.id } })).toBe(0)
    expect(await app.db.metadataDescriptor.count({ where: { project_id: project.id } })).toBe(0)
    expect((await app.pool.query(`SELECT 1 FROM api_event WHERE name = 'project:update' AND project_id = $1`, [project.id])).rowCount).toBe(0)
  })
})

describe('POST /data/projects with project_template_id', () => {
  it('applies the template in the create: body values win, links and descriptors added, events after', async () => {
    const { app } = file.t
    const src = await configuredProject(app)
    const tpl = (await send('POST', `/data/project-templates/from-project/${src.project.id}`, { name: uniq('Tpl ') })).body
    const name = uniq('New ')
    const seen: string[] = []
    const off = app.events.on((e) => { seen.push(e.name) })
    const res = await send('POST', '/data/projects', { name, project_template_id: tpl.id, fps: '12', homepage: null })
    off()
    expect(res.status, res.text).toBe(201)
    expect(res.body).toMatchObject({
      name, fps: '12', ratio: '2.39', production_style: 'vfx', homepage: 'shots', data: { budget: 'big' },
      task_types: [src.tt.id], task_statuses: [src.ts.id], asset_types: [src.at.id], status_automations: [src.sa.id],
      preview_background_files: [src.bg.id], default_preview_background_file_id: src.bg.id,
    })
    expect(res.body).not.toHaveProperty('project_template_id')
    const descriptors = await descriptorsOf(app, res.body.id)
    expect(descriptors.map((d) => d.name)).toEqual(['Difficulty', 'Take'])
    expect(descriptors[0].department_metadata_descriptor_link__metadata_descriptor_id).toEqual([{ department_id: src.dep.id }])
    expect(seen).toEqual(['project:new', 'metadata-descriptor:new', 'metadata-descriptor:new', 'project:update'])
    expect(await eventsFor(app, 'project:update', 'project_id', res.body.id)).toHaveLength(1)
  })

  it('checks the template before writing, and rolls the whole create back on failure', async () => {
    const { app } = file.t
    const count = () => app.db.project.count()
    const before = await count()
    for (const id of [randomUUID(), 'nope']) {
      const res = await send('POST', '/data/projects', { name: uniq('P '), project_template_id: id })
      expect(res.status).toBe(404)
      expect(res.body).toEqual(TEMPLATE_NOT_FOUND)
    }
    const tt = await taskType(app)
    const tpl = await template(app, { metadata_descriptors: [{ name: 'N'.repeat(200), entity_type: 'Asset' }] })
    await app.db.projectTemplateTaskTypeLink.create({ data: { project_template_id: tpl.id, task_type_id: tt.id } })
    const name = uniq('Doomed ')
    const res = await send('POST', '/data/projects', { name, project_template_id: tpl.id })
    expect(res.status).toBe(400)
    expect(await count()).toBe(before)
    expect(await app.db.projectTaskTypeLink.count({ where: { task_type_id: tt.id } })).toBe(0)
    expect((await app.pool.query(`SELECT 1 FROM api_event WHERE name = 'project:new' AND data::text LIKE $1`, [`%${name}%`])).rowCount).toBe(0)
    // Without a template the key is simply not there.
    expect((await send('POST', '/data/projects', { name: uniq('Plain '), project_template_id: null })).status).toBe(201)
  })
})
