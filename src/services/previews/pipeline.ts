// What preview processing needs, inside a request or in `slate worker` (no request there):
// the pool, the storage, the config, the event bus and who caused the work. Plus the row
// writes every kind shares: an update that answers the row, and "broken" with its reason.
import { mkdir, mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import type { Pool } from '../../db/client.ts'
import type { Config } from '../../config.ts'
import type { EventBus } from '../../events/bus.ts'
import type { Storage } from '../../storage/index.ts'
import type { Row } from '../../lib/serialize.ts'

export interface PipelineDeps {
  pool: Pool
  storage: Storage
  config: Config
  events: EventBus
  /** The person behind the upload (api_event.user_id). */
  userId: string | null
}

/** A fresh scratch directory under TMP_DIR for one processing run (remove it afterwards). */
export async function workDir(config: Config, id: string): Promise<string> {
  await mkdir(config.tmpDir, { recursive: true })
  return mkdtemp(join(config.tmpDir, `preview-${id}-`))
}

const COLUMNS = new Set(['extension', 'original_name', 'status', 'width', 'height', 'file_size', 'duration'])

/**
 * Sets columns of a preview row (and merges `data` into its JSON data), updated_at = now;
 * answers the row with its project id (`__project_id`), or null when the row is gone.
 */
export async function updatePreview(pool: Pool, id: string, fields: Record<string, unknown>, data?: Record<string, unknown>): Promise<Row | null> {
  const sets: string[] = []
  const values: unknown[] = [id]
  for (const [k, v] of Object.entries(fields)) {
    if (!COLUMNS.has(k)) throw new Error(`not a preview column: ${k}`)
    values.push(v)
    sets.push(`${k} = $${values.length}`)
  }
  if (data) {
    values.push(JSON.stringify(data))
    sets.push(`data = COALESCE(data, '{}'::jsonb) || $${values.length}::jsonb`)
  }
  const { rows } = await pool.query(
    `UPDATE preview_file pf SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE pf.id = $1
     RETURNING pf.*, (SELECT t.project_id FROM task t WHERE t.id = pf.task_id) AS __project_id`,
    values,
  )
  return rows[0] ?? null
}

export async function emitPreviewUpdate(deps: PipelineDeps, row: Row): Promise<void> {
  await deps.events.emit('preview-file:update', { preview_file_id: row.id }, { projectId: (row.__project_id as string) ?? null, userId: deps.userId })
}

export const reasonOf = (err: unknown) => String((err as Error)?.message ?? err).slice(0, 1000)

/** Status broken with the reason in data.error (idempotent), then preview-file:update. */
export async function markBroken(deps: PipelineDeps, id: string, err: unknown): Promise<void> {
  const { rows } = await deps.pool.query(
    `UPDATE preview_file pf SET status = 'broken', data = COALESCE(data, '{}'::jsonb) || jsonb_build_object('error', $2::text),
       updated_at = now() WHERE pf.id = $1 AND pf.status <> 'broken'
     RETURNING pf.id, (SELECT t.project_id FROM task t WHERE t.id = pf.task_id) AS __project_id`,
    [id, reasonOf(err)],
  )
  if (rows[0]) await emitPreviewUpdate(deps, rows[0])
}
