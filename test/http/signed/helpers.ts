// Shared pieces of the signed-link and range tests: deterministic bytes, an attachment stored
// through the API, a preview row with stored variants.
import type { FastifyInstance } from 'fastify'
import { multipart } from '../comments/helpers.ts'
import type { TestPerson } from '../../helpers/fixtures.ts'
import type { Bucket } from '../../../src/storage/index.ts'

/** `size` bytes, each one different from its neighbours (a wrong offset shows). */
export function bytes(size: number): Buffer {
  const b = Buffer.alloc(size)
  for (let i = 0; i < size; i++) b[i] = (i * 7 + (i >> 8)) % 256
  return b
}

/** A comment of `author` on the task with one attachment, stored through the add-attachment route. */
export async function storeAttachment(
  app: FastifyInstance, author: TestPerson, taskId: string, statusId: string,
  file: { name: string; type: string; data: Buffer },
): Promise<string> {
  const comment = await app.db.comment.create({ data: { object_id: taskId, object_type: 'Task', person_id: author.id, task_status_id: statusId, text: 'files' } })
  const body = multipart({}, [{ field: 'file', filename: file.name, type: file.type, data: file.data }])
  const res = await app.inject({
    method: 'POST', url: `/actions/tasks/${taskId}/comments/${comment.id}/add-attachment`,
    headers: { ...author.headers, ...body.headers }, payload: body.payload,
  })
  if (res.statusCode !== 201) throw new Error(`attachment not stored: ${res.statusCode} ${res.body}`)
  return res.json()[0].id as string
}

/** A preview row on the task with the given variants stored (`<prefix>-<id>` in its bucket). */
export async function storePreview(
  app: FastifyInstance, taskId: string, extension: string, stored: Array<[Bucket, string, Buffer]>,
): Promise<string> {
  const row = await app.db.previewFile.create({ data: { task_id: taskId, extension, name: `p${Date.now()}${Math.random()}`.slice(0, 40), status: 'ready' } })
  for (const [bucket, prefix, data] of stored) await app.storage.put(bucket, `${prefix}-${row.id}`, data)
  return row.id
}
