// Synchronised playlist review (events.md §4.3, Zou's event_stream.py): the room id is the
// playlist id; open/join need read access to the playlist's project (ignored otherwise, as
// Zou). Slate departures: state updates and relays are only accepted from sockets in the
// room (Zou relays anyone's message to any room); join also joins the socket.io room;
// malformed payloads are answered with `preview-room:error` instead of a server error.
import type { Namespace, Socket } from 'socket.io'
import type { FastifyBaseLogger } from 'fastify'
import type { Pool } from '../db/client.ts'
import { isUuid } from '../lib/serialize.ts'
import { mayReceive, projectRoom, type Viewer } from './audience.ts'
import type { RoomState, RoomStore } from './review-store.ts'

const RELAYED = [
  'preview-room:add-annotation', 'preview-room:remove-annotation', 'preview-room:update-annotation',
  'preview-room:change-version', 'preview-room:panzoom-changed', 'preview-room:comparison-panzoom-changed',
]
/** Annotations travel in relays: generous, but bounded. */
const MAX_PAYLOAD = 512 * 1024
const COMPARING_FIELDS = ['enable', 'task_type', 'revision', 'mode', 'comparison_preview_index']

export const reviewRoom = (playlistId: string) => `review:${playlistId}`

function emptyRoom(): RoomState {
  return {
    playlist_id: null, user_id: null, local_id: null, is_playing: false,
    current_entity_id: null, current_entity_index: null, current_preview_file_id: null,
    current_preview_file_index: null, current_frame: 0, is_repeating: null,
    is_annotations_displayed: false, is_zoom_enabled: false, is_waveform_displayed: false,
    is_laser_mode: null, handle_in: null, handle_out: null, speed: null,
    comparing: { enable: false, task_type: null, revision: null, mode: 'sidebyside', comparison_preview_index: 0 },
  }
}

/** A scalar as sent, or the fallback (no nested objects in the shared state). */
function scalar(value: unknown, fallback: unknown): unknown {
  if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value
  if (typeof value === 'string' && value.length <= 200) return value
  return fallback
}

/** Zou's _update_room_playing_status: the documented keys only. */
function applyState(room: RoomState, data: Record<string, unknown>): RoomState {
  const next: RoomState = { ...room }
  const defaults: Array<[string, unknown]> = [
    ['user_id', null], ['local_id', null], ['is_playing', false], ['is_repeating', null], ['is_laser_mode', null],
    ['is_annotations_displayed', false], ['is_zoom_enabled', false], ['is_waveform_displayed', false],
    ['current_entity_id', null], ['current_entity_index', null], ['current_preview_file_id', null],
    ['current_preview_file_index', null], ['handle_in', null], ['handle_out', null],
  ]
  next.playlist_id = data.playlist_id
  for (const [key, fallback] of defaults) next[key] = scalar(data[key], fallback)
  if ('current_frame' in data) next.current_frame = scalar(data.current_frame, room.current_frame)
  const comparing = data.comparing
  if (comparing && typeof comparing === 'object' && !Array.isArray(comparing)) {
    next.comparing = Object.fromEntries(COMPARING_FIELDS.filter((k) => k in comparing)
      .map((k) => [k, scalar((comparing as Record<string, unknown>)[k], null)]))
  }
  if (typeof data.speed === 'number' && Number.isFinite(data.speed)) next.speed = data.speed
  return next
}

export interface ReviewDeps {
  nsp: Namespace
  store: RoomStore
  pool: Pool
  log: Pick<FastifyBaseLogger, 'error'>
}

/** Whether the viewer may review the playlist (PA on its project; clients: client playlists). */
async function mayReview(pool: Pool, viewer: Viewer, playlistId: string): Promise<boolean> {
  const { rows } = await pool.query<{ project_id: string; for_client: boolean | null }>(
    'SELECT project_id, for_client FROM playlist WHERE id = $1', [playlistId])
  const playlist = rows[0]
  if (!playlist || !mayReceive(viewer, projectRoom(playlist.project_id))) return false
  return viewer.role !== 'client' || !!playlist.for_client
}

export function registerReviewRooms(socket: Socket, deps: ReviewDeps) {
  const { nsp, store, pool } = deps
  const viewer = (): Viewer => socket.data.viewer
  const joined: Set<string> = (socket.data.reviewRooms = new Set<string>())

  const peopleUpdated = async (id: string, people?: string[]) => {
    people ??= await store.people(id)
    nsp.to(reviewRoom(id)).emit('preview-room:room-people-updated', { people, playlist_id: id, id })
  }
  const inRoom = (id: string) => socket.rooms.has(reviewRoom(id))

  const on = (event: string, handler: (data: Record<string, unknown>, id: string) => Promise<void>) => {
    socket.on(event, async (data: unknown) => {
      const fail = (message: string) => socket.emit('preview-room:error', { event, message })
      try {
        if (!data || typeof data !== 'object' || Array.isArray(data)) return fail('The payload must be an object.')
        const id = (data as Record<string, unknown>).playlist_id
        if (typeof id !== 'string' || !isUuid(id)) return fail('playlist_id is missing or not a valid id.')
        if (JSON.stringify(data).length > MAX_PAYLOAD) return fail('The payload is too large.')
        await handler(data as Record<string, unknown>, id)
      } catch (err) {
        deps.log.error({ err, event }, 'review room event failed')
        fail('The event could not be handled.')
      }
    })
  }

  on('preview-room:open-playlist', async (_data, id) => {
    if (!(await mayReview(pool, viewer(), id))) return
    socket.join(reviewRoom(id))
    await peopleUpdated(id)
  })

  on('preview-room:close-playlist', async (_data, id) => {
    socket.leave(reviewRoom(id))
  })

  on('preview-room:join', async (data, id) => {
    if (!(await mayReview(pool, viewer(), id))) return
    let state = (await store.get(id)) ?? emptyRoom()
    if (!(await store.people(id)).length) state = applyState(state, data)
    state = { ...state, playlist_id: id }
    await store.set(id, state)
    const people = await store.addPerson(id, viewer().personId)
    joined.add(id)
    socket.join(reviewRoom(id))
    await peopleUpdated(id, people)
    nsp.to(reviewRoom(id)).emit('preview-room:room-updated', { ...state, people })
  })

  on('preview-room:leave', async (_data, id) => {
    joined.delete(id)
    await peopleUpdated(id, await store.removePerson(id, viewer().personId))
  })

  on('preview-room:room-updated', async (data, id) => {
    if (!inRoom(id)) return
    const state = applyState((await store.get(id)) ?? emptyRoom(), data)
    await store.set(id, state)
    nsp.to(reviewRoom(id)).emit('preview-room:room-updated', { only_newcomer: false, ...state, people: await store.people(id) })
  })

  for (const event of RELAYED) {
    on(event, async (data, id) => {
      if (inRoom(id)) nsp.to(reviewRoom(id)).emit(event, data)
    })
  }
}

/** On disconnect: the person leaves every review room this socket joined. */
export async function leaveReviewRooms(socket: Socket, deps: ReviewDeps) {
  const joined: Set<string> | undefined = socket.data.reviewRooms
  const viewer: Viewer | undefined = socket.data.viewer
  if (!joined || !viewer) return
  for (const id of joined) {
    try {
      const people = await deps.store.removePerson(id, viewer.personId)
      deps.nsp.to(reviewRoom(id)).emit('preview-room:room-people-updated', { people, playlist_id: id, id })
    } catch (err) {
      deps.log.error({ err }, 'could not leave a review room')
    }
  }
  joined.clear()
}
