// Speed: the full playlist, the shared view and the lists read a fixed number of statements
// whatever the number of entries (no query per entry); timings printed for the report.
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { countQueries } from '../../helpers/query-count.ts'
import { makePlaylist, makePreview, makeShareLink } from './helpers.ts'

const file = useFileAppWithProduction()

async function playlistOf(entries: number) {
  const { app } = file.t
  const shots = []
  for (let i = 0; i < entries; i++) {
    const e = await app.db.entity.create({ data: { name: `Q${i}`, project_id: file.prod.project.id, entity_type_id: file.prod.assetType.id } })
    const t = await app.db.task.create({ data: { name: 'main', project_id: file.prod.project.id, entity_id: e.id, task_type_id: file.prod.taskType.id, task_status_id: file.prod.status.id } })
    const p = await makePreview(app, t.id, { revision: 1 })
    await makePreview(app, t.id, { revision: 2 })
    shots.push({ entity_id: e.id, preview_file_id: p.id })
  }
  return makePlaylist(app, file.prod.project.id, { shots })
}

describe('playlist reads: statements per request', () => {
  it('do not grow with the number of entries', async () => {
    const { app } = file.t
    const counts: Record<string, number[]> = { full: [], shared: [], list: [] }
    // Warm-up: the first request of a caller reads what later ones find cached.
    await app.inject({ method: 'GET', url: `/data/projects/${file.prod.project.id}/playlists`, headers: file.manager.headers })
    for (const n of [2, 40]) {
      const pl = await playlistOf(n)
      const token = await makeShareLink(app, pl.id, file.manager.id)
      const full = await countQueries(() => app.inject({ method: 'GET', url: `/data/projects/${file.prod.project.id}/playlists/${pl.id}`, headers: file.manager.headers }))
      expect(full.result.json().shots).toHaveLength(n)
      const shared = await countQueries(() => app.inject({ method: 'GET', url: `/shared/playlists/${token}` }))
      expect(shared.result.statusCode).toBe(200)
      const list = await countQueries(() => app.inject({ method: 'GET', url: `/data/projects/${file.prod.project.id}/playlists`, headers: file.manager.headers }))
      counts.full.push(full.sql.length)
      counts.shared.push(shared.sql.length)
      counts.list.push(list.sql.length)
      const started = performance.now()
      await app.inject({ method: 'GET', url: `/data/projects/${file.prod.project.id}/playlists/${pl.id}`, headers: file.manager.headers })
      console.log(`full playlist, ${n} entries: ${full.sql.length} statements, ${(performance.now() - started).toFixed(1)} ms`)
    }
    expect(counts.full[0]).toBe(counts.full[1])
    expect(counts.shared[0]).toBe(counts.shared[1])
    expect(counts.list[0]).toBe(counts.list[1])
    expect(counts.full[1]).toBeLessThanOrEqual(4)
  })
})
