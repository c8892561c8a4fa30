// routes.md §25: every project-template route, once per role — reads for global managers,
// writes (and the apply action) for admins only.
import { routeTable, useRoleProduction, type RoleFileApp, type RouteRow } from '../../helpers/route-table.ts'
import { uniq } from '../crud/helpers.ts'
import { assetType, automation, background, taskStatus, taskType, template } from './helpers.ts'

const file = useRoleProduction()
const MANAGERS = ['admin', 'manager'] as const
const ADMIN = ['admin'] as const
const T = '/data/project-templates/:project_template_id'

const tpl = async (f: RoleFileApp) => (await template(f.t.app)).id

/** GET/POST/DELETE rows of one link kind; `make` builds the linked row, `link` links it. */
function linkRows(
  segment: string,
  column: string,
  make: (f: RoleFileApp) => Promise<{ id: string }>,
  link: (f: RoleFileApp, templateId: string, id: string) => Promise<unknown>,
): RouteRow[] {
  return [
    { method: 'GET', path: `${T}/${segment}`, roles: MANAGERS, call: async (f) => ({ url: `/data/project-templates/${await tpl(f)}/${segment}` }) },
    {
      method: 'POST', path: `${T}/${segment}`, roles: ADMIN,
      call: async (f) => ({ url: `/data/project-templates/${await tpl(f)}/${segment}`, payload: { [column]: (await make(f)).id } }),
    },
    {
      method: 'DELETE', path: `${T}/${segment}/:${column}`, roles: ADMIN,
      call: async (f) => {
        const [id, row] = [await tpl(f), await make(f)]
        await link(f, id, row.id)
        return { url: `/data/project-templates/${id}/${segment}/${row.id}` }
      },
    },
  ]
}

routeTable('project templates', file, [
  ...linkRows('task-types', 'task_type_id', (f) => taskType(f.t.app),
    (f, project_template_id, task_type_id) => f.t.app.db.projectTemplateTaskTypeLink.create({ data: { project_template_id, task_type_id } })),
  {
    method: 'POST', path: '/actions/project-templates/:project_template_id/task-types/reorder', roles: ADMIN, ok: 200,
    call: async (f) => ({ url: `/actions/project-templates/${await tpl(f)}/task-types/reorder`, payload: { task_type_ids: [(await taskType(f.t.app)).id] } }),
  },
  ...linkRows('task-statuses', 'task_status_id', (f) => taskStatus(f.t.app),
    (f, project_template_id, task_status_id) => f.t.app.db.projectTemplateTaskStatusLink.create({ data: { project_template_id, task_status_id } })),
  {
    method: 'POST', path: '/actions/project-templates/:project_template_id/task-statuses/reorder', roles: ADMIN, ok: 200,
    call: async (f) => ({ url: `/actions/project-templates/${await tpl(f)}/task-statuses/reorder`, payload: { task_status_ids: [(await taskStatus(f.t.app)).id] } }),
  },
  ...linkRows('asset-types', 'asset_type_id', (f) => assetType(f.t.app),
    (f, project_template_id, asset_type_id) => f.t.app.db.projectTemplateAssetTypeLink.create({ data: { project_template_id, asset_type_id } })),
  ...linkRows('status-automations', 'status_automation_id', (f) => automation(f.t.app),
    (f, project_template_id, status_automation_id) => f.t.app.db.projectTemplateStatusAutomationLink.create({ data: { project_template_id, status_automation_id } })),
  ...linkRows('preview-background-files', 'preview_background_file_id', (f) => background(f.t.app),
    (f, project_template_id, preview_background_file_id) =>
      f.t.app.db.projectTemplatePreviewBackgroundFileLink.create({ data: { project_template_id, preview_background_file_id } })),
  {
    method: 'PUT', path: `${T}/default-preview-background-file`, roles: ADMIN,
    call: async (f) => ({ url: `/data/project-templates/${await tpl(f)}/default-preview-background-file`, payload: { default_preview_background_file_id: null } }),
  },
  {
    method: 'PUT', path: `${T}/metadata-descriptors`, roles: ADMIN,
    call: async (f) => ({ url: `/data/project-templates/${await tpl(f)}/metadata-descriptors`, payload: [{ name: 'Notes', entity_type: 'Asset' }] }),
  },
  {
    method: 'POST', path: '/data/project-templates/from-project/:project_id', roles: ADMIN,
    call: (f) => ({ url: `/data/project-templates/from-project/${f.prod.project.id}`, payload: { name: uniq('From ') } }),
  },
  {
    method: 'POST', path: '/data/projects/:project_id/apply-template/:project_template_id', roles: ADMIN, ok: 200,
    call: async (f) => ({ url: `/data/projects/${f.prod.project.id}/apply-template/${await tpl(f)}` }),
  },
])
