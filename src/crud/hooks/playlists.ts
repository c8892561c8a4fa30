// crud.md §11.20: for_entity checked, "all"/"main" episode means none, a malformed task
// type id means none, the creator is the caller; `shots` normalised; delete cleans up.
import { wrongParameter } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import { PLAYLIST_FOR_ENTITY } from '../enums.ts'
import type { Hooks } from '../model.ts'

function checkForEntity(data: Row) {
  if ('for_entity' in data && data.for_entity !== null && !PLAYLIST_FOR_ENTITY.includes(data.for_entity as never)) {
    throw wrongParameter('for_entity must be one of shot, asset, sequence, edit, episode')
  }
}

function normaliseShots(data: Row) {
  if (!Array.isArray(data.shots)) return
  data.shots = (data.shots as Row[])
    .filter((s) => s && typeof s === 'object' && s.preview_file_id)
    .map((s) => ({ entity_id: s.entity_id ?? s.id, preview_file_id: s.preview_file_id }))
}

export const playlistHooks: Hooks = {
  beforeCreate(ctx, data, body) {
    checkForEntity(data)
    if (body.episode_id === 'all' || body.episode_id === 'main') data.episode_id = null
    if ('task_type_id' in body && !isUuid(body.task_type_id)) data.task_type_id = null
    data.created_by = ctx.actor.id
    normaliseShots(data)
  },
  beforeUpdate(_ctx, _row, data) {
    checkForEntity(data)
    normaliseShots(data)
  },
  async beforeDelete(_ctx, tx, row) {
    const db = tx as Record<string, { deleteMany: (a: unknown) => Promise<unknown> }>
    await db.notification.deleteMany({ where: { playlist_id: row.id } })
    await db.buildJob.deleteMany({ where: { playlist_id: row.id } })
    await db.playlistShareLink.deleteMany({ where: { playlist_id: row.id } })
  },
}
