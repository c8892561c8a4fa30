// Abandoned resumable uploads: an upload with no new byte for UPLOAD_EXPIRY seconds is
// failed ("expired"), and every instance removes from its own <TMP_DIR>/tus the parts of
// uploads that are no longer in progress. Run periodically by the uploads plugin.
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Pool } from '../../db/client.ts'

export const EXPIRED = 'The upload expired before it was finished.'

export async function sweepUploads(pool: Pool, directory: string, expirySeconds: number): Promise<{ expired: number; removed: number }> {
  const { rowCount } = await pool.query(
    `UPDATE upload SET status = 'failed', error = $2, updated_at = now()
      WHERE status = 'uploading' AND updated_at < now() - make_interval(secs => $1)`,
    [expirySeconds, EXPIRED],
  )
  let names: string[]
  try {
    names = await readdir(directory)
  } catch {
    return { expired: rowCount ?? 0, removed: 0 }
  }
  const ids = [...new Set(names.map((n) => n.replace(/\.json$/, '')))].filter((id) => /^[0-9a-f-]{36}$/.test(id))
  if (!ids.length) return { expired: rowCount ?? 0, removed: 0 }
  const { rows } = await pool.query(
    `SELECT id::text FROM upload WHERE id = ANY($1::uuid[]) AND status IN ('uploading', 'processing')`,
    [ids],
  )
  const live = new Set(rows.map((r) => r.id as string))
  const stale = ids.filter((id) => !live.has(id))
  for (const id of stale) {
    await rm(join(directory, id), { force: true })
    await rm(join(directory, `${id}.json`), { force: true })
  }
  return { expired: rowCount ?? 0, removed: stale.length }
}
