// set-file-tree (routes.md §8) and guess-from-path (files-and-previews.md §4.5).
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { bundledTree } from '../../../src/services/files/trees.ts'
import { eventsDuring } from '../edits/fixtures.ts'
import { entityType } from './fixtures.ts'

const file = useFileAppWithProduction()
const app = () => file.t.app
const ids: Record<string, string> = {}

const post = (url: string, payload: unknown) => app().inject({ method: 'POST', url, payload: payload as object, headers: file.manager.headers })

describe('set-file-tree', () => {
  it('copies a bundled tree into the project and emits project:update', async () => {
    let res!: Awaited<ReturnType<typeof post>>
    const events = await eventsDuring(app(), async () => {
      res = await post(`/actions/projects/${file.prod.project.id}/set-file-tree`, { tree_name: 'default' })
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: file.prod.project.id, type: 'Project', file_tree: bundledTree('default') })
    expect(events.map((e) => [e.name, e.data])).toEqual([['project:update', { project_id: file.prod.project.id }]])
    const stored = await app().db.project.findUnique({ where: { id: file.prod.project.id } })
    expect(stored!.file_tree).toEqual(bundledTree('default'))
  })

  it('an unknown or unsafe tree name → 400, nothing changes', async () => {
    for (const tree_name of ['nope', '../default', 'default.json']) {
      const res = await post(`/actions/projects/${file.prod.project.id}/set-file-tree`, { tree_name })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ error: true, message: 'Selected tree is not available' })
    }
    expect((await post(`/actions/projects/${file.prod.project.id}/set-file-tree`, {})).statusCode).toBe(400)
    const stored = await app().db.project.findUnique({ where: { id: file.prod.project.id } })
    expect(stored!.file_tree).toEqual(bundledTree('default'))
  })
})

describe('guess-from-path', () => {
  beforeAll(async () => {
    const db = app().db
    const project = await db.project.create({ data: { name: 'Cosmos Landromat', file_tree: bundledTree('simple') as object } })
    await db.projectPersonLink.create({ data: { project_id: project.id, person_id: file.manager.id } })
    const props = await entityType(app(), 'Props')
    const tree = await db.entity.create({ data: { name: 'Tree', project_id: project.id, entity_type_id: props.id } })
    const sequence = await db.entity.create({ data: { name: 'S01', project_id: project.id, entity_type_id: (await entityType(app(), 'Sequence')).id } })
    const shot = await db.entity.create({ data: { name: 'P01', project_id: project.id, entity_type_id: (await entityType(app(), 'Shot')).id, parent_id: sequence.id } })
    const shaders = await db.taskType.create({ data: { name: 'Shaders', for_entity: 'Asset' } })
    const animation = await db.taskType.create({ data: { name: 'Animation', for_entity: 'Shot' } })
    const cache = await db.outputType.create({ data: { name: 'Cache', short_name: 'cch' } })
    // Same names in another production: never returned for this one.
    const other = await db.project.create({ data: { name: 'Other Show', file_tree: bundledTree('simple') as object } })
    await db.entity.create({ data: { name: 'Tree', project_id: other.id, entity_type_id: props.id } })
    Object.assign(ids, { project: project.id, props: props.id, tree: tree.id, sequence: sequence.id, shot: shot.id, shaders: shaders.id, animation: animation.id, cache: cache.id, other: other.id })
  })

  const guess = (file_path: string, extra: object = {}) => post('/data/entities/guess-from-path', { project_id: ids.project, file_path, ...extra })

  it('a working asset path resolves project, asset type, asset and task type (Software is not a lookup token)', async () => {
    const res = await guess('/simple/productions/cosmos_landromat/assets/Props/Tree/Shaders/blender')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual([{ Template: 'asset', Project: ids.project, AssetType: ids.props, Asset: ids.tree, TaskType: ids.shaders }])
  })

  it('an output shot path resolves the sequence and shot under the project, and the output type', async () => {
    const res = await guess('/simple/productions/export/cosmos_landromat/shots/s01/p01/animation/cache/cosmos_landromat_s01_p01_animation_cache_main_v003')
    expect(res.json()).toEqual([
      { Template: 'shot', Project: ids.project, Sequence: ids.sequence, Shot: ids.shot, TaskType: ids.animation, OutputType: ids.cache },
      // The instance template matches its literal-free head too; `shots` names no entity type, so it stops there.
      { Template: 'instance', Project: ids.project },
    ])
  })

  it('with another separator; the deprecated alias answers the same', async () => {
    const path = '/simple\\productions\\cosmos_landromat\\assets\\props\\tree\\shaders\\blender'
    // The bundled templates use `/`: split on `\\` each template is one segment, so only its
    // first token (the project) is read, for every template of the mode (as Zou does).
    const split = (await guess(path, { sep: '\\' })).json() as Array<Record<string, string>>
    expect(split.map((c) => c.Template).sort()).toEqual(['asset', 'episode', 'scene', 'sequence', 'shot'])
    expect(split.every((c) => Object.keys(c).length === 2 && c.Project === ids.project)).toBe(true)
    const canonical = await guess('/simple/productions/cosmos_landromat/assets/props/tree')
    const alias = await post('/data/entities/guess_from_path', { project_id: ids.project, file_path: '/simple/productions/cosmos_landromat/assets/props/tree' })
    expect(alias.json()).toEqual(canonical.json())
    expect(canonical.json()).toEqual([{ Template: 'asset', Project: ids.project, AssetType: ids.props, Asset: ids.tree }])
  })

  it('stops at the first unknown token, and at a project other than the requested one', async () => {
    const unknownAsset = await guess('/simple/productions/cosmos_landromat/assets/props/oak/shaders')
    expect(unknownAsset.json()).toEqual([{ Template: 'asset', Project: ids.project, AssetType: ids.props }])
    const otherProject = await guess('/simple/productions/other_show/assets/props/tree/shaders')
    expect(otherProject.json()).toEqual([{ Template: 'asset' }])
    expect((await guess('/some/test/path')).json()).toEqual([])
  })

  it('outside the team → 403; unknown project → 404; project without tree → 400', async () => {
    const res = await post('/data/entities/guess-from-path', { project_id: ids.other, file_path: '/x' })
    expect(res.statusCode).toBe(403)
    const missing = await post('/data/entities/guess-from-path', { project_id: '00000000-0000-4000-8000-000000000000', file_path: '/x' })
    expect(missing.statusCode).toBe(404)
    const bare = await app().db.project.create({ data: { name: 'Bare' } })
    await app().db.projectPersonLink.create({ data: { project_id: bare.id, person_id: file.manager.id } })
    const noTree = await post('/data/entities/guess-from-path', { project_id: bare.id, file_path: '/x' })
    expect(noTree.statusCode).toBe(400)
    expect(noTree.json()).toEqual({ message: 'No tree can be found for given project.', received_data: { project_id: bare.id, file_path: '/x' } })
  })
})
