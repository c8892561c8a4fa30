// Shared helpers of the comment, news and chat tests: multipart bodies, statuses, comments
// written straight to the database, and the events a call emitted.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { BusEvent } from '../../../src/events/bus.ts'

export interface FilePart { field: string; filename: string; type: string; data: Buffer | string }

/** A multipart/form-data body with text fields and files. */
export function multipart(fields: Record<string, string>, files: FilePart[] = []) {
  const boundary = `----slate${randomUUID().replace(/-/g, '')}`
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`))
    chunks.push(Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data))
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

let statusSeq = 0
/** A task status with the given flags (unique short name). */
export async function makeStatus(app: FastifyInstance, name: string, flags: Record<string, boolean> = {}) {
  statusSeq += 1
  return app.db.taskStatus.create({
    data: { name, short_name: `${name.slice(0, 5).toLowerCase()}${statusSeq}${randomUUID().slice(0, 3)}`, color: '#000000', ...flags },
  })
}

/** A comment row written directly (no side effects). */
export async function insertComment(app: FastifyInstance, taskId: string, personId: string, statusId: string, extra: Record<string, unknown> = {}) {
  return app.db.comment.create({ data: { object_id: taskId, object_type: 'Task', person_id: personId, task_status_id: statusId, text: 'hello', ...extra } })
}

/** Records the events emitted while `fn` runs (after commit, through the bus). */
export async function captureEvents<T>(app: FastifyInstance, fn: () => Promise<T>): Promise<{ result: T; events: BusEvent[] }> {
  const events: BusEvent[] = []
  const off = app.events.on((e) => { events.push(e) })
  try {
    return { result: await fn(), events }
  } finally {
    off()
  }
}

export const names = (events: BusEvent[]) => events.map((e) => e.name)
