// routes.md §7: /data/projects/:project_id/settings/* — what is linked to a project (asset
// types, task types, task statuses, status automations, preview backgrounds), and the batch.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { addLinked, applySettingsBatch, listLinked, removeLinked, type SettingKind, type SettingsBatch } from '../../services/projects-settings.ts'
import {
  bodyOrQuery, linkBody, linkedParams, PreviewBackgroundList, projectIdOf, ProjectParams, SettingsBatchBody,
  StatusAutomationList, TaskStatusList, TaskTypeSettingBody,
} from './team-settings-schemas.ts'

const tags = ['projects']
const projectRef = { $ref: 'Project#' }
type P = { project_id: string }

/** Each settings kind: its path part, the body / path key of the linked id, and its GET route if any. */
const KINDS: Array<{ kind: SettingKind; key: string; list?: { access: 'project' | 'manager'; schema: object } }> = [
  { kind: 'asset-types', key: 'asset_type_id' },
  { kind: 'task-types', key: 'task_type_id' },
  { kind: 'task-status', key: 'task_status_id', list: { access: 'project', schema: TaskStatusList } },
  { kind: 'status-automations', key: 'status_automation_id', list: { access: 'manager', schema: StatusAutomationList } },
  { kind: 'preview-background-files', key: 'preview_background_file_id', list: { access: 'project', schema: PreviewBackgroundList } },
]

export default async function settingsRoutes(app: FastifyInstance) {
  for (const { kind, key, list } of KINDS) {
    const base = `/data/projects/:project_id/settings/${kind}`

    if (list) {
      app.get<{ Params: P }>(base, {
        schema: { tags, params: ProjectParams, response: { 200: list.schema } },
        config: { access: 'user' },
      }, (req) => listLinked(createCtx(app, req), projectIdOf(req), kind, list.access))
    }

    app.post<{ Params: P; Body: Record<string, unknown> }>(base, {
      schema: { tags, params: ProjectParams, body: kind === 'task-types' ? TaskTypeSettingBody : linkBody(key), response: { 201: projectRef } },
      config: { access: 'user' },
      preValidation: bodyOrQuery,
    }, async (req, reply) => {
      const priority = kind === 'task-types' ? ((req.body.priority as number | null | undefined) ?? null) : null
      const project = await addLinked(createCtx(app, req), projectIdOf(req), kind, req.body[key] as string, priority)
      return reply.code(201).send(project)
    })

    app.delete<{ Params: P & Record<string, string> }>(`${base}/:${key}`, {
      schema: { tags, params: linkedParams(key) },
      config: { access: 'user' },
    }, async (req, reply) => {
      await removeLinked(createCtx(app, req), projectIdOf(req), kind, req.params[key])
      return reply.code(204).send()
    })
  }

  app.post<{ Params: P; Body: SettingsBatch }>('/data/projects/:project_id/settings/batch', {
    schema: { tags, params: ProjectParams, body: SettingsBatchBody, response: { 200: projectRef } },
    config: { access: 'user' },
    preValidation: bodyOrQuery,
  }, (req) => applySettingsBatch(createCtx(app, req), projectIdOf(req), req.body))
}
