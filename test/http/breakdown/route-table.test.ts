// Every route of routes.md §11 and the casting / asset-instance routes of §2: registered at
// the root and under /api, allowed for the roles the reference gives, 403 for the others.
import { beforeAll } from 'vitest'
import { MANAGERS, TEAM, routeTable, useRoleProduction, type RouteRow, type TableRole } from '../../helpers/route-table.ts'
import { makeBreakdown, type Breakdown } from './fixtures.ts'

const file = useRoleProduction()
let bd: Breakdown
let instanceId: string
beforeAll(async () => {
  bd = await makeBreakdown(file.t.app, file.prod)
  const instance = await file.t.app.db.assetInstance.create({ data: { asset_id: bd.chair.id, scene_id: bd.scene.id, number: 1, name: 'Chair_0001' } })
  instanceId = instance.id
})

/** PA + NOVENDOR, or PA + EA on an entity the vendor has no task on. */
const NO_VENDOR: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'user', 'client']
const p = () => file.prod.project.id
const cast = () => [{ asset_id: bd.chair.id, nb_occurences: 2, label: 'fixed' }]

async function freshLink(): Promise<string> {
  const other = await file.t.app.db.entity.create({ data: { name: `Lamp ${Math.random()}`, project_id: p(), entity_type_id: bd.propType.id } })
  const link = await file.t.app.db.entityLink.create({ data: { entity_in_id: bd.shot2.id, entity_out_id: other.id } })
  return link.id
}

const rows: RouteRow[] = [
  { method: 'GET', path: '/data/projects/:project_id/entities/:entity_id/casting', roles: NO_VENDOR, call: () => ({ url: `/data/projects/${p()}/entities/${bd.shot1.id}/casting` }) },
  { method: 'PUT', path: '/data/projects/:project_id/entities/:entity_id/casting', roles: MANAGERS, call: () => ({ url: `/data/projects/${p()}/entities/${bd.shot2.id}/casting`, payload: cast() }) },
  { method: 'PUT', path: '/data/projects/:project_id/entities/casting', roles: MANAGERS, call: () => ({ url: `/data/projects/${p()}/entities/casting`, payload: { [bd.shot2.id]: cast() } }) },
  { method: 'GET', path: '/data/projects/:project_id/asset-types/:asset_type_id/casting', roles: NO_VENDOR, call: () => ({ url: `/data/projects/${p()}/asset-types/${bd.propType.id}/casting` }) },
  { method: 'GET', path: '/data/projects/:project_id/episodes/casting', roles: NO_VENDOR, call: () => ({ url: `/data/projects/${p()}/episodes/casting` }) },
  { method: 'GET', path: '/data/projects/:project_id/sequences/:sequence_id/casting', roles: NO_VENDOR, call: () => ({ url: `/data/projects/${p()}/sequences/${bd.sequence.id}/casting` }) },
  { method: 'GET', path: '/data/projects/:project_id/episodes/:episode_id/sequences/all/casting', roles: NO_VENDOR, call: () => ({ url: `/data/projects/${p()}/episodes/${bd.episode.id}/sequences/all/casting` }) },
  { method: 'GET', path: '/data/projects/:project_id/sequences/all/casting', roles: NO_VENDOR, call: () => ({ url: `/data/projects/${p()}/sequences/all/casting` }) },
  { method: 'GET', path: '/data/projects/:project_id/entity-links', roles: MANAGERS, call: () => ({ url: `/data/projects/${p()}/entity-links` }) },
  { method: 'DELETE', path: '/data/projects/:project_id/entity-links/:entity_link_id', roles: MANAGERS, ok: 200, call: async () => ({ url: `/data/projects/${p()}/entity-links/${await freshLink()}` }) },
  { method: 'GET', path: '/data/scenes/:scene_id/asset-instances', roles: NO_VENDOR, call: () => ({ url: `/data/scenes/${bd.scene.id}/asset-instances` }) },
  { method: 'POST', path: '/data/scenes/:scene_id/asset-instances', roles: TEAM, call: () => ({ url: `/data/scenes/${bd.scene.id}/asset-instances`, payload: { asset_id: bd.table.id } }) },
  { method: 'GET', path: '/data/scenes/:scene_id/camera-instances', roles: NO_VENDOR, call: () => ({ url: `/data/scenes/${bd.scene.id}/camera-instances` }) },
  { method: 'GET', path: '/data/shots/:shot_id/asset-instances', roles: NO_VENDOR, call: () => ({ url: `/data/shots/${bd.shot1.id}/asset-instances` }) },
  { method: 'POST', path: '/data/shots/:shot_id/asset-instances', roles: TEAM, call: () => ({ url: `/data/shots/${bd.shot1.id}/asset-instances`, payload: { asset_instance_id: instanceId } }) },
  { method: 'DELETE', path: '/data/shots/:shot_id/asset-instances/:asset_instance_id', roles: TEAM, call: () => ({ url: `/data/shots/${bd.shot1.id}/asset-instances/${instanceId}` }) },
  // §2: the vendor has a task on the production's asset, so entity access passes.
  { method: 'GET', path: '/data/assets/:asset_id/cast-in', roles: TEAM, call: () => ({ url: `/data/assets/${bd.hero.id}/cast-in` }) },
  { method: 'GET', path: '/data/assets/:asset_id/casting', roles: TEAM, call: () => ({ url: `/data/assets/${bd.hero.id}/casting` }) },
  { method: 'PUT', path: '/data/assets/:asset_id/casting', roles: MANAGERS, call: () => ({ url: `/data/assets/${bd.hero.id}/casting`, payload: cast() }) },
  { method: 'GET', path: '/data/assets/:asset_id/shot-asset-instances', roles: TEAM, call: () => ({ url: `/data/assets/${bd.chair.id}/shot-asset-instances` }) },
  { method: 'GET', path: '/data/assets/:asset_id/scene-asset-instances', roles: TEAM, call: () => ({ url: `/data/assets/${bd.chair.id}/scene-asset-instances` }) },
  { method: 'GET', path: '/data/assets/:asset_id/asset-asset-instances', roles: TEAM, call: () => ({ url: `/data/assets/${bd.hero.id}/asset-asset-instances` }) },
  { method: 'POST', path: '/data/assets/:asset_id/asset-asset-instances', roles: TEAM, call: () => ({ url: `/data/assets/${bd.hero.id}/asset-asset-instances`, payload: { asset_to_instantiate_id: bd.chair.id } }) },
]

routeTable('breakdown (routes.md §11, §2 casting)', file, rows)
