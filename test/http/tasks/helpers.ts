// Fixtures of the tasks blueprint tests: tasks on makeProduction()'s asset, comments and
// previews on them, and an event recorder.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { makeProduction } from '../../helpers/fixtures.ts'

type Prod = Awaited<ReturnType<typeof makeProduction>>

export const uniq = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`

/** A task on the production's asset (a fresh name), with assignees. */
export async function newTask(app: FastifyInstance, prod: Prod, assignees: string[] = [], extra: Record<string, unknown> = {}) {
  const task = await app.db.task.create({
    data: {
      name: uniq('t'), project_id: prod.project.id, entity_id: prod.asset.id,
      task_type_id: prod.taskType.id, task_status_id: prod.status.id, ...extra,
    },
  })
  if (assignees.length) await app.db.taskPersonLink.createMany({ data: assignees.map((person_id) => ({ task_id: task.id, person_id })) })
  return task
}

export async function newComment(app: FastifyInstance, taskId: string, personId: string, extra: Record<string, unknown> = {}) {
  const { task_status_id } = await app.db.task.findUniqueOrThrow({ where: { id: taskId } })
  return app.db.comment.create({
    data: { object_id: taskId, object_type: 'Task', person_id: personId, text: uniq('text'), task_status_id: task_status_id!, ...extra },
  })
}

export async function newPreview(app: FastifyInstance, taskId: string, commentId: string | null, extra: Record<string, unknown> = {}) {
  const preview = await app.db.previewFile.create({
    data: { name: uniq('p'), task_id: taskId, revision: 1, position: 1, extension: 'png', status: 'ready', ...extra },
  })
  if (commentId) await app.db.commentPreviewLink.create({ data: { comment: commentId, preview_file: preview.id } })
  return preview
}

export interface Recorded { name: string; data: Record<string, unknown>; projectId: string | null; userId: string | null }

/** Records the bus events emitted while `fn` runs. */
export async function eventsOf<T>(app: FastifyInstance, fn: () => Promise<T>): Promise<{ result: T; events: Recorded[] }> {
  const events: Recorded[] = []
  const off = app.events.on((e) => { events.push({ name: e.name, data: e.data, projectId: e.projectId, userId: e.userId }) })
  try {
    return { result: await fn(), events }
  } finally {
    off()
  }
}
