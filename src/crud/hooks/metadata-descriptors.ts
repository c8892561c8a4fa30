// crud.md §11.24: the unfiltered list includes `departments` (a Zou quirk kept for Kitsu).
import type { Hooks } from '../model.ts'

export const metadataDescriptorHooks: Hooks = {
  listFilters(_ctx, query) {
    if (Object.keys(query).length === 0) query.relations = 'true'
    return null
  },
}
