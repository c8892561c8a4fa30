// The real gazu client (../shared/clients/gazu, as studios' scripts use it) against a
// listening Slate: log in, read the current user, refresh an expired access token, CRUD.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/app.ts'
import { createPerson, PASSWORD } from '../helpers/fixtures.ts'

const GAZU_DIR = resolve('../shared/clients')

const SCRIPT = `
import json, sys, time
sys.path.insert(0, sys.argv[1])
import gazu
gazu.set_host(sys.argv[2] + "/api")
gazu.client.default_client.use_refresh_token = True
out = {}
out["login"] = gazu.log_in(sys.argv[3], sys.argv[4])["login"]
out["me"] = gazu.client.get_current_user()["email"]
out["version"] = gazu.client.get_api_version()
first = gazu.client.default_client.access_token
time.sleep(3.5)  # the access token lives 3 s in this test (1 s was too tight on a loaded machine: gazu refreshes only once)
out["me_after_expiry"] = gazu.client.get_current_user()["email"]
out["refreshed"] = gazu.client.default_client.access_token != first
project = gazu.project.new_project("Gazu Project")
out["project"] = project["name"]
out["projects"] = [p["name"] for p in gazu.project.all_projects()]
print(json.dumps(out))
`

let t: TestApp
let baseUrl: string
beforeAll(async () => {
  t = await buildTestApp({ JWT_ACCESS_TOKEN_EXPIRES: '3' })
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(async () => { await t.close() })

describe('gazu', () => {
  it('logs in, reads the current user, refreshes an expired token and creates a project', async () => {
    expect(existsSync(resolve(GAZU_DIR, 'gazu/__init__.py'))).toBe(true)
    const admin = await createPerson(t.app, 'admin')
    const { stdout } = await promisify(execFile)('python3', ['-c', SCRIPT, GAZU_DIR, baseUrl, admin.email!, PASSWORD], { timeout: 60_000 })
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!)
    expect(out).toEqual({
      login: true,
      me: admin.email,
      version: expect.any(String),
      me_after_expiry: admin.email,
      refreshed: true,
      project: 'Gazu Project',
      projects: ['Gazu Project'],
    })
  })
})
