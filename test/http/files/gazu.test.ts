// The real gazu client against a listening Slate: the main file flows of a studio script
// (set the tree, new working file, its path, upload/download its bytes, publish an output
// file, read the last output revision).
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { createPerson, makeProduction, PASSWORD } from '../../helpers/fixtures.ts'

const GAZU_DIR = [resolve('../shared/clients'), '/work/shared/clients'].find((d) => existsSync(resolve(d, 'gazu/__init__.py')))

const SCRIPT = `
import json, os, sys, tempfile
sys.path.insert(0, sys.argv[1])
import gazu
gazu.set_host(sys.argv[2] + "/api")
gazu.log_in(sys.argv[3], sys.argv[4])
ids = json.loads(sys.argv[5])
out = {}
gazu.files.set_project_file_tree(ids["project"], "simple")
wf = gazu.files.new_working_file(ids["task"], name="main", comment="first")
out["wf"] = [wf["name"], wf["revision"], wf["path"]]
out["wf2"] = gazu.files.new_working_file(ids["task"], name="main")["revision"]
out["path"] = gazu.files.build_working_file_path(ids["task"], revision=3, software=ids["software"])
src = os.path.join(tempfile.mkdtemp(), "scene.blend")
with open(src, "wb") as f:
    f.write(b"blend-bytes" * 1000)
gazu.files.upload_working_file(wf, src)
dst = src + ".back"
gazu.files.download_working_file(wf, dst)
out["round_trip"] = open(dst, "rb").read() == open(src, "rb").read()
first = gazu.files.new_entity_output_file(ids["asset"], ids["output_type"], ids["task_type"], "publish", working_file=wf)
second = gazu.files.new_entity_output_file(ids["asset"], ids["output_type"], ids["task_type"], "publish", nb_elements=10)
out["outputs"] = [first["revision"], first["source_file_id"] == wf["id"], second["revision"], second["file_name"]]
out["last"] = gazu.files.get_last_entity_output_revision(ids["asset"], ids["output_type"], ids["task_type"], name="main")
out["next"] = gazu.files.get_next_entity_output_revision(ids["asset"], ids["output_type"], ids["task_type"])
print(json.dumps(out))
`

let t: TestApp
let baseUrl: string
beforeAll(async () => {
  t = await buildTestApp()
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(async () => { await t.close() })

describe('gazu files', () => {
  it.skipIf(!GAZU_DIR)('working files, paths, bytes and output files through gazu', async () => {
    const admin = await createPerson(t.app, 'admin')
    const prod = await makeProduction(t.app)
    await t.app.db.project.update({ where: { id: prod.project.id }, data: { name: 'Gazu Show' } })
    await t.app.db.entity.update({ where: { id: prod.asset.id }, data: { name: 'Hero' } })
    await t.app.db.entityType.update({ where: { id: prod.assetType.id }, data: { name: 'Props' } })
    await t.app.db.taskType.update({ where: { id: prod.taskType.id }, data: { name: 'Modeling' } })
    const software = await t.app.db.software.create({ data: { name: 'Maya', short_name: 'ma', file_extension: '.ma' } })
    const outputType = await t.app.db.outputType.create({ data: { name: 'Cache', short_name: 'cch' } })
    const ids = { project: prod.project.id, task: prod.task.id, asset: prod.asset.id, task_type: prod.taskType.id, software: software.id, output_type: outputType.id }
    const { stdout } = await promisify(execFile)('python3', ['-c', SCRIPT, GAZU_DIR!, baseUrl, admin.email!, PASSWORD, JSON.stringify(ids)], { timeout: 60_000 })
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!)
    expect(out).toEqual({
      wf: ['main', 1, '/simple/productions/gazu_show/assets/props/hero/modeling/blender/gazu_show_props_hero_modeling_main_v001'],
      wf2: 2,
      path: '/simple/productions/gazu_show/assets/props/hero/modeling/maya/gazu_show_props_hero_modeling_main_v003',
      round_trip: true,
      outputs: [1, true, 2, 'gazu_show_props_hero_modeling_cache_main_v002_[1-10]'],
      last: 2,
      next: 3,
    })
  })
})
