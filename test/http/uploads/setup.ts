// Shared pieces of the upload tests: the target rows, tus headers, and polling a record.
import { randomUUID } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { RoleFileApp } from '../../helpers/route-table.ts'

export const TUS = { 'tus-resumable': '1.0.0' }

/** Upload-Metadata from plain values (base64 as tus wants). */
export function metadata(values: Record<string, string>): string {
  return Object.entries(values).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',')
}

/** A working file, an output file and a preview file on the production's task and asset. */
export async function makeTargets(file: RoleFileApp) {
  const db = file.t.app.db
  const { prod } = file
  const workingFile = await db.workingFile.create({
    data: { name: `wf-${randomUUID().slice(0, 8)}`, revision: 1, task_id: prod.task.id, entity_id: prod.asset.id },
  })
  const fileStatus = await db.fileStatus.create({ data: { name: `FS ${randomUUID().slice(0, 6)}`, color: '#123456' } })
  const outputFile = await db.outputFile.create({
    data: {
      name: 'main', revision: 1, extension: '.ma', path: '/simple/productions/hero/main_v001.ma',
      file_status_id: fileStatus.id, entity_id: prod.asset.id, task_type_id: prod.taskType.id,
    },
  })
  const previewFile = await db.previewFile.create({
    data: { name: randomUUID().slice(0, 13), task_id: prod.task.id, revision: 1, position: 1, status: 'processing' },
  })
  return { workingFile, outputFile, previewFile }
}

/** POST /uploads through inject; returns the response. */
export function createTus(app: FastifyInstance, headers: Record<string, string>, meta: Record<string, string>, length: number | string) {
  return app.inject({
    method: 'POST', url: '/api/uploads',
    headers: { ...TUS, ...headers, 'upload-length': String(length), 'upload-metadata': metadata(meta) },
  })
}

export const uploadIdOf = (location: string) => location.split('/').pop()!

/** Reads the record until `done` says so (uploads finish after their last PATCH is answered). */
export async function waitForRecord(app: FastifyInstance, headers: Record<string, string>, id: string, done: (r: Record<string, any>) => boolean) {
  for (let i = 0; i < 500; i++) {
    const res = await app.inject({ method: 'GET', url: `/data/uploads/${id}`, headers })
    const record = res.json()
    if (res.statusCode === 200 && done(record)) return record
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`upload ${id} never reached the expected state`)
}

/** What tus keeps under <TMP_DIR>/tus. */
export async function tusFiles(tmpDir: string): Promise<string[]> {
  try {
    return await readdir(join(tmpDir, 'tus'))
  } catch {
    return []
  }
}
