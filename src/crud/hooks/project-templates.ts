// crud.md §11.4: Zou writes project templates through its template service, not the generic
// resource. A create keeps only the template's settings (other keys are dropped) and needs a
// name; names are unique with Zou's wording; unknown ids answer the service's own 404.
import { badRequest } from '../../lib/errors.ts'
import type { Ctx } from '../context.ts'
import type { Hooks } from '../model.ts'

/** Zou: name, description, PRODUCTION_SETTING_FIELDS, and the three JSON columns. */
export const PROJECT_TEMPLATE_CREATE_KEYS: ReadonlySet<string> = new Set([
  'name', 'description', 'fps', 'ratio', 'resolution', 'production_type', 'production_style', 'max_retakes',
  'is_clients_isolated', 'is_preview_download_allowed', 'is_set_preview_automated', 'is_publish_default_for_artists',
  'homepage', 'hd_bitrate_compression', 'ld_bitrate_compression', 'file_tree', 'data', 'metadata_descriptors',
])

/** Keys an update ignores (`id`, `created_at`, `updated_at` go for every model; `type` is no column). */
export const PROJECT_TEMPLATE_UPDATE_IGNORED = ['task_types', 'task_statuses', 'asset_types', 'status_automations']

export const PROJECT_TEMPLATE_NOT_FOUND = { message: 'Project template not found' }

/** Template names are unique, with Zou's wording (shared with the template routes). */
export async function refuseDuplicateTemplateName(ctx: Ctx, name: unknown, id: unknown): Promise<void> {
  if (typeof name !== 'string') return
  const clash = await ctx.db.projectTemplate.findFirst({
    where: { name, ...(id ? { NOT: { id: id as string } } : {}) },
    select: { id: true },
  })
  if (clash) throw badRequest('A project template with this name already exists')
}

export const projectTemplateHooks: Hooks = {
  async beforeCreate(ctx, data) {
    if (typeof data.name !== 'string' || data.name === '') throw badRequest('name is required')
    await refuseDuplicateTemplateName(ctx, data.name, null)
  },
  async beforeUpdate(ctx, row, data) {
    await refuseDuplicateTemplateName(ctx, data.name, row.id)
  },
}
