// files-and-previews.md §4.3-4.4: the worked examples of the `simple` tree asserted exactly
// through the path routes and file creation, plus the rendering rules (separators, styles,
// Seq<n>, e001, frame ranges, instance kinds, defaults created on first use, the misspelt
// token of the `default` tree).
import { describe, expect, it, beforeAll } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { bundledTree } from '../../../src/services/files/trees.ts'
import { entityType, setTree } from './fixtures.ts'

const file = useFileApp()
const app = () => file.t.app
const ids: Record<string, string> = {}

beforeAll(async () => {
  const db = app().db
  const project = await db.project.create({ data: { name: 'Cosmos Landromat', file_tree: bundledTree('simple') as object } })
  const props = await entityType(app(), 'Props')
  const tree = await db.entity.create({ data: { name: 'Tree', project_id: project.id, entity_type_id: props.id } })
  const sequence = await db.entity.create({ data: { name: 'S01', project_id: project.id, entity_type_id: (await entityType(app(), 'Sequence')).id } })
  const shot = await db.entity.create({ data: { name: 'P01', project_id: project.id, entity_type_id: (await entityType(app(), 'Shot')).id, parent_id: sequence.id } })
  const shaders = await db.taskType.create({ data: { name: 'Shaders', for_entity: 'Asset' } })
  const animation = await db.taskType.create({ data: { name: 'Animation', for_entity: 'Shot' } })
  const status = await db.taskStatus.create({ data: { name: 'Todo', short_name: 'todo', color: '#ffffff', is_default: true } })
  const assetTask = await db.task.create({ data: { name: 'main', project_id: project.id, entity_id: tree.id, task_type_id: shaders.id, task_status_id: status.id } })
  const shotTask = await db.task.create({ data: { name: 'main', project_id: project.id, entity_id: shot.id, task_type_id: animation.id, task_status_id: status.id } })
  const blender = await db.software.create({ data: { name: 'Blender', short_name: 'bl', file_extension: '.blend' } })
  const max = await db.software.create({ data: { name: '3dsmax', short_name: 'max', file_extension: '.max' } })
  const cache = await db.outputType.create({ data: { name: 'Cache', short_name: 'cch' } })
  const images = await db.outputType.create({ data: { name: 'Images', short_name: 'img' } })
  const instance = await db.assetInstance.create({ data: { asset_id: tree.id, name: 'Tree_0001', number: 1 } })
  Object.assign(ids, {
    project: project.id, tree: tree.id, sequence: sequence.id, shot: shot.id, shaders: shaders.id, animation: animation.id,
    status: status.id, assetTask: assetTask.id, shotTask: shotTask.id, blender: blender.id, max: max.id, cache: cache.id,
    images: images.id, instance: instance.id,
  })
})

const post = (url: string, payload: unknown) => app().inject({ method: 'POST', url, payload: payload as object, headers: file.admin.headers })

describe('worked examples of the simple tree', () => {
  it('working file path of an asset task, revision 3, empty name', async () => {
    const res = await post(`/data/tasks/${ids.assetTask}/working-file-path`, { name: '', revision: 3, software_id: ids.blender })
    expect(res.statusCode).toBe(200)
    const { path, name } = res.json()
    expect(`${path}/${name}`).toBe('/simple/productions/cosmos_landromat/assets/props/tree/shaders/blender/cosmos_landromat_props_tree_shaders_v003')
  })

  it('working folder of a shot task with 3ds Max, with / and with \\ (the mountpoint keeps its slash)', async () => {
    const slash = await post(`/data/tasks/${ids.shotTask}/working-file-path`, { name: '', revision: 3, software_id: ids.max })
    expect(slash.json()).toEqual({ path: '/simple/productions/cosmos_landromat/shots/s01/p01/animation/3dsmax', name: 'cosmos_landromat_s01_p01_animation_v003' })
    const backslash = await post(`/data/tasks/${ids.shotTask}/working-file-path`, { name: '', revision: 3, software_id: ids.max, sep: '\\' })
    expect(backslash.json().path).toBe('/simple\\productions\\cosmos_landromat\\shots\\s01\\p01\\animation\\3dsmax')
  })

  it('uppercase file-name style', async () => {
    const upper = bundledTree('simple')!
    upper.working.file_name!.style = 'uppercase'
    await setTree(app(), ids.project, upper)
    try {
      const res = await post(`/data/tasks/${ids.assetTask}/working-file-path`, { name: 'main', revision: 1, software_id: ids.blender })
      expect(res.json().name).toBe('COSMOS_LANDROMAT_PROPS_TREE_SHADERS_MAIN_V001')
      // Folders keep their own (lowercase) style.
      expect(res.json().path).toBe('/simple/productions/cosmos_landromat/assets/props/tree/shaders/blender')
    } finally {
      await setTree(app(), ids.project)
    }
  })

  it('output file of a shot: cache, main, revision 3; with 50 elements the frame range suffix', async () => {
    const res = await post(`/data/entities/${ids.shot}/output-files/new`, { output_type_id: ids.cache, task_type_id: ids.animation, revision: 3 })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      path: '/simple/productions/export/cosmos_landromat/shots/s01/p01/animation/cache/cosmos_landromat_s01_p01_animation_cache_main_v003',
      folder_path: '/simple/productions/export/cosmos_landromat/shots/s01/p01/animation/cache',
      file_name: 'cosmos_landromat_s01_p01_animation_cache_main_v003',
      revision: 3, type: 'OutputFile',
    })
    const images = await post(`/data/entities/${ids.shot}/output-files/new`, {
      output_type_id: ids.images, task_type_id: ids.animation, revision: 3, nb_elements: 50, extension: '.exr',
    })
    expect(images.json().file_name).toBe('cosmos_landromat_s01_p01_animation_images_main_v003_[1-50]')
    expect(images.json().path).toBe('/simple/productions/export/cosmos_landromat/shots/s01/p01/animation/images/cosmos_landromat_s01_p01_animation_images_main_v003_[1-50].exr')
  })

  it('an asset path naming an output type where none is given renders the default "Geometry" (created on first use)', async () => {
    const tree = bundledTree('simple')!
    tree.working.file_name!.asset = '<Project>_<AssetType>_<Asset>_<OutputType>_<Name>_v<Version>'
    await setTree(app(), ids.project, tree)
    try {
      expect(await app().db.outputType.count({ where: { name: 'Geometry' } })).toBe(0)
      const res = await post(`/data/tasks/${ids.assetTask}/working-file-path`, { name: 'main', revision: 3, software_id: ids.blender })
      expect(res.json().name).toBe('cosmos_landromat_props_tree_geometry_main_v003')
      expect(await app().db.outputType.count({ where: { name: 'Geometry' } })).toBe(1)
    } finally {
      await setTree(app(), ids.project)
    }
  })

  it('instance of asset Tree (number 1) in shot P01, representation abc', async () => {
    const res = await post(`/data/asset-instances/${ids.instance}/entities/${ids.shot}/output-file-path`, {
      output_type_id: ids.cache, task_type_id: ids.animation, revision: 3, representation: 'abc',
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      folder_path: '/simple/productions/export/cosmos_landromat/shot/s01/p01/animation/cache/props/tree/instance_0001/abc',
      file_name: 'cosmos_landromat_s01_p01_animation_cache_main_tree_0001_v003',
    })
  })

  it('an instance inside an asset (target_asset_id) uses the instance_asset template', async () => {
    const set = await app().db.entity.create({ data: { name: 'Forest', project_id: ids.project, entity_type_id: (await entityType(app(), 'Props')).id } })
    const inAsset = await app().db.assetInstance.create({ data: { asset_id: ids.tree, target_asset_id: set.id, name: 'Tree_0002', number: 2 } })
    const res = await post(`/data/asset-instances/${inAsset.id}/entities/${set.id}/output-file-path`, {
      output_type_id: ids.cache, task_type_id: ids.shaders, revision: 1, representation: 'abc',
    })
    expect(res.json()).toEqual({
      folder_path: '/simple/productions/export/cosmos_landromat/assets/props/forest/shaders/cache/props/tree/instance_0002/abc',
      file_name: 'cosmos_landromat_props_forest_shaders_cache_main_tree_0002_v001',
    })
  })
})

describe('rendering rules', () => {
  it('a sequence named Seq<n> renders as S<n padded to 3>; no episode renders e001, an episode its name', async () => {
    const db = app().db
    const tree = bundledTree('simple')!
    tree.working.folder_path!.shot = '<Project>/<Episode>/<Sequence>/<Shot>'
    await setTree(app(), ids.project, tree)
    try {
      const seq2 = await db.entity.create({ data: { name: 'Seq2', project_id: ids.project, entity_type_id: (await entityType(app(), 'Sequence')).id } })
      const shot = await db.entity.create({ data: { name: 'P02', project_id: ids.project, entity_type_id: (await entityType(app(), 'Shot')).id, parent_id: seq2.id } })
      const task = await db.task.create({ data: { name: 'main', project_id: ids.project, entity_id: shot.id, task_type_id: ids.animation, task_status_id: ids.status } })
      const res = await post(`/data/tasks/${task.id}/working-file-path`, { revision: 1, software_id: ids.max })
      expect(res.json().path).toBe('/simple/productions/cosmos_landromat/e001/s002/p02')

      const episode = await db.entity.create({ data: { name: 'E02', project_id: ids.project, entity_type_id: (await entityType(app(), 'Episode')).id } })
      await db.entity.update({ where: { id: seq2.id }, data: { parent_id: episode.id } })
      const inEpisode = await post(`/data/tasks/${task.id}/working-file-path`, { revision: 1, software_id: ids.max })
      expect(inEpisode.json().path).toBe('/simple/productions/cosmos_landromat/e02/s002/p02')
    } finally {
      await setTree(app(), ids.project)
    }
  })

  it('the default tree: no version in the name, and its misspelt <OuputType> fails on sequences with 400', async () => {
    await setTree(app(), ids.project, bundledTree('default'))
    try {
      const shot = await post(`/data/entities/${ids.shot}/output-file-path`, { output_type_id: ids.cache, task_type_id: ids.animation })
      expect(shot.json()).toEqual({
        folder_path: '/simple/productions/export/cosmos_landromat/shots/s01/p01/cache',
        file_name: 'cosmos_landromat_s01_p01_cache_main',
      })
      const body = { output_type_id: ids.cache, task_type_id: ids.animation }
      const sequence = await post(`/data/entities/${ids.sequence}/output-file-path`, body)
      expect(sequence.statusCode).toBe(400)
      expect(sequence.json()).toEqual({ message: 'Unknown data type: OuputType.', received_data: body })
      const created = await post(`/data/entities/${ids.sequence}/output-files/new`, body)
      expect(created.statusCode).toBe(400)
      expect(created.json()).toEqual({ error: 'Unknown data type: OuputType.' })
      // Nothing was created by the failed publish.
      expect(await app().db.outputFile.count({ where: { entity_id: ids.sequence } })).toBe(0)
    } finally {
      await setTree(app(), ids.project)
    }
  })

  it('an unknown mode or token, or a project without tree, answers 400 with the route shape', async () => {
    const unknownMode = await post(`/data/tasks/${ids.shotTask}/working-file-path`, { mode: 'nope' })
    expect(unknownMode.statusCode).toBe(400)
    expect(unknownMode.json()).toEqual({ message: 'Mode nope cannot be found on given tree.', received_data: { mode: 'nope' } })

    await setTree(app(), ids.project, null)
    try {
      const path = await post(`/data/tasks/${ids.shotTask}/working-file-path`, {})
      expect(path.json()).toEqual({ message: 'No tree can be found for given project.', received_data: {} })
      // Zou answers 500 here.
      const created = await post(`/data/tasks/${ids.shotTask}/working-files/new`, { name: 'main' })
      expect(created.statusCode).toBe(400)
      expect(created.json()).toEqual({ error: 'No tree can be found for given project.' })
      expect(await app().db.workingFile.count({ where: { task_id: ids.shotTask } })).toBe(0)
    } finally {
      await setTree(app(), ids.project)
    }
  })

  it('the path route defaults: name main, software "3ds Max" (created on first use), next revision', async () => {
    const res = await post(`/data/tasks/${ids.shotTask}/working-file-path`, {})
    expect(res.json()).toEqual({ path: '/simple/productions/cosmos_landromat/shots/s01/p01/animation/3ds_max', name: 'cosmos_landromat_s01_p01_animation_main_v001' })
    expect(await app().db.software.findFirst({ where: { name: '3ds Max' } })).toMatchObject({ short_name: 'max', file_extension: '.max' })
  })

  it('output-file-path: the folder uses the revision as given, the file name the next one', async () => {
    await post(`/data/entities/${ids.tree}/output-files/new`, { output_type_id: ids.cache, task_type_id: ids.shaders })
    const res = await post(`/data/entities/${ids.tree}/output-file-path`, { output_type_id: ids.cache, task_type_id: ids.shaders, separator: '\\' })
    expect(res.json()).toEqual({
      folder_path: '/simple\\productions/export\\cosmos_landromat\\assets\\props\\tree\\shaders\\cache',
      file_name: 'cosmos_landromat_props_tree_shaders_cache_main_v002',
    })
  })
})
