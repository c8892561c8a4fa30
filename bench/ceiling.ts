// GET /bench/ceiling: the same Fastify stack (hooks, access check, response schema through
// fast-json-stringify) with no database, so its req/s is the ceiling every route is compared to.
import type { FastifyInstance } from 'fastify'

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const stamp = '2026-01-05T09:00:00'

/** A task-like row of about 2 KB: ~40 fields of the kinds Slate serializes. */
const ROW: Record<string, unknown> = {
  id: uuid(1), name: 'main', description: 'A fixed task-like object served without any database work. '.repeat(6),
  priority: 2, difficulty: 3, duration: 12.5, estimation: 16, completion_rate: 40, retake_count: 1, sort_order: 0,
  start_date: stamp, due_date: stamp, real_start_date: stamp, end_date: null, done_date: null, last_comment_date: stamp,
  nb_assets_ready: 0, nb_drawings: 0, shotgun_id: null, data: { frame_in: 1001, frame_out: 1096, notes: 'fixed' },
  last_preview_file_id: uuid(2), project_id: uuid(3), task_type_id: uuid(4), task_status_id: uuid(5),
  entity_id: uuid(6), assigner_id: uuid(7), created_at: stamp, updated_at: stamp, type: 'Task',
  assignees: [uuid(8), uuid(9), uuid(10)], project_name: 'Bench TV Show', task_type_name: 'Animation',
  task_status_name: 'Work In Progress', task_status_short_name: 'wip', task_status_color: '#3273dc',
  entity_name: 'SH0010', entity_type_name: 'Shot', sequence_name: 'SQ001', episode_name: 'E01',
  is_subscribed: false, is_done: false, is_retake: false, is_wip: true, is_feedback_request: false,
}

function schemaOf(value: unknown): Record<string, unknown> {
  if (value === null) return { type: ['string', 'null'] }
  if (Array.isArray(value)) return { type: 'array', items: { type: 'string' } }
  if (typeof value === 'object') return { type: 'object', additionalProperties: true }
  return { type: Number.isInteger(value) ? 'integer' : typeof value }
}

const ResponseSchema = {
  type: 'object',
  properties: Object.fromEntries(Object.entries(ROW).map(([k, v]) => [k, schemaOf(v)])),
}

export async function ceiling(app: FastifyInstance): Promise<void> {
  app.get('/bench/ceiling', {
    schema: { response: { 200: ResponseSchema } },
    config: { access: 'public' },
  }, async () => ROW)
}
