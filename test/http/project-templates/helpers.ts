// Rows the project-template tests build directly in the database.
import type { FastifyInstance } from 'fastify'
import { uniq } from '../crud/helpers.ts'

export const template = (app: FastifyInstance, data: Record<string, unknown> = {}) =>
  app.db.projectTemplate.create({ data: { name: uniq('Tpl '), ...data } })

export const taskType = (app: FastifyInstance, name = uniq('TT ')) =>
  app.db.taskType.create({ data: { name, for_entity: 'Asset', priority: 7 } })

export const taskStatus = (app: FastifyInstance, name = uniq('TS ')) =>
  app.db.taskStatus.create({ data: { name, short_name: uniq('s', 8), color: '#000000' } })

export const assetType = (app: FastifyInstance, name = uniq('AT ')) => app.db.entityType.create({ data: { name } })

export const background = (app: FastifyInstance, name = uniq('BG ')) => app.db.previewBackgroundFile.create({ data: { name } })

export const department = (app: FastifyInstance) => app.db.department.create({ data: { name: uniq('Dep '), color: '#123456' } })

export async function automation(app: FastifyInstance) {
  const [tt, ts] = [await taskType(app), await taskStatus(app)]
  return app.db.statusAutomation.create({
    data: { in_task_type_id: tt.id, in_task_status_id: ts.id, out_task_type_id: tt.id, out_task_status_id: ts.id },
  })
}

/** The api_event rows of one name and template. */
export async function templateEvents(app: FastifyInstance, name: string, id: string) {
  const { rows } = await app.pool.query(`SELECT data, project_id, user_id FROM api_event WHERE name = $1 AND data->>'project_template_id' = $2`, [name, id])
  return rows as Array<{ data: Record<string, unknown>; project_id: string | null; user_id: string | null }>
}

export const TEMPLATE_NOT_FOUND = { message: 'Project template not found' }
export const PROJECT_NOT_FOUND = { message: 'Project not found' }
