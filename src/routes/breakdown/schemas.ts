// Schemas of the breakdown routes (routes.md §11, §2 casting and asset instances).
import { Type, type Static } from '@sinclair/typebox'

const Str = { type: 'string' }
const NStr = { type: ['string', 'null'] }
const NInt = { type: ['integer', 'null'] }
const NBool = { type: ['boolean', 'null'] }

export const ProjectParams = Type.Object({ project_id: Type.String() })
export const ProjectEntityParams = Type.Object({ project_id: Type.String(), entity_id: Type.String() })
export const ProjectAssetTypeParams = Type.Object({ project_id: Type.String(), asset_type_id: Type.String() })
export const ProjectSequenceParams = Type.Object({ project_id: Type.String(), sequence_id: Type.String() })
export const ProjectEpisodeParams = Type.Object({ project_id: Type.String(), episode_id: Type.String() })
export const ProjectLinkParams = Type.Object({ project_id: Type.String(), entity_link_id: Type.String() })
export const AssetParams = Type.Object({ asset_id: Type.String() })
export const SceneParams = Type.Object({ scene_id: Type.String() })
export const ShotParams = Type.Object({ shot_id: Type.String() })
export const ShotInstanceParams = Type.Object({ shot_id: Type.String(), asset_instance_id: Type.String() })

/** A casting entry of one entity (GET …/casting). */
export const CastingEntry = {
  type: 'object',
  properties: {
    asset_id: Str, asset_name: Str, asset_type_name: Str, ready_for: NStr, episode_id: NStr,
    preview_file_id: NStr, nb_occurences: NInt, label: NStr, is_shared: NBool, project_id: Str,
  },
}
export const CastingList = { type: 'array', items: CastingEntry }

const groupedProperties = {
  asset_id: Str, name: Str, asset_name: Str, asset_type_name: Str, preview_file_id: NStr, nb_occurences: NInt, label: NStr,
}
const groupedMap = (properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: { type: 'array', items: { type: 'object', properties } },
})
/** {asset_id: [entries]} of the asset-type casting (no is_shared / project_id). */
export const AssetTypeCastingMap = groupedMap(groupedProperties)
/** {episode_id: [entries]}. */
export const EpisodesCastingMap = groupedMap({ ...groupedProperties, is_shared: NBool, project_id: Str })
/** {shot_id: [entries + sequence_name]}. */
export const SequenceCastingMap = groupedMap({
  asset_id: Str, name: Str, asset_name: Str, asset_type_name: Str, sequence_name: Str, preview_file_id: NStr,
  nb_occurences: NInt, label: NStr, is_shared: NBool, project_id: Str,
})

/** The casting arrays as sent (PUT answers echo the body). */
export const AnyArray = { type: 'array', items: {} }
export const CastingArraysMap = { type: 'object', additionalProperties: AnyArray }

/** GET /data/assets/:asset_id/cast-in: shots then assets, two shapes. */
export const CastInList = { type: 'array', items: { type: 'object', additionalProperties: true } }

export const InstancesMap = { type: 'object', additionalProperties: { type: 'array', items: { $ref: 'AssetInstance#' } } }

export const SceneInstanceBody = Type.Object({
  asset_id: Type.String({ format: 'uuid' }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
})
export type SceneInstanceBody = Static<typeof SceneInstanceBody>

export const AssetInstanceBody = Type.Object({
  asset_to_instantiate_id: Type.String({ format: 'uuid' }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
})
export type AssetInstanceBody = Static<typeof AssetInstanceBody>

export const ShotInstanceBody = Type.Object({ asset_instance_id: Type.String({ format: 'uuid' }) })
export type ShotInstanceBody = Static<typeof ShotInstanceBody>

export const LinksQuery = Type.Object({
  page: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
  cursor_created_at: Type.Optional(Type.String()),
})
export type LinksQuery = Static<typeof LinksQuery>

const LinkRow = { type: 'object', additionalProperties: true }
/** A plain array, a paginated envelope or a cursor page: the shape depends on the query. */
export const LinksAnswer = {
  anyOf: [
    { type: 'array', items: LinkRow },
    { type: 'object', additionalProperties: true },
  ],
}
