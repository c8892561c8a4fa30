// Reading a casting body (routes.md §11 "Casting update"): an array of
// `{asset_id, nb_occurences, label?}`. Entries without both keys are ignored as Zou does;
// what Zou would answer with a 500 (malformed ids, unknown ids, non-integer counts, labels
// too long for the column, ids of shots or episodes) is a 400 here, before anything is written.
import { wrongParameter } from '../lib/errors.ts'
import { isUuid } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { TEMPORAL_SQL } from './entities/load.ts'

export interface CastEntry {
  asset_id: string
  nb_occurences: number | null
  label: string | null
}

export interface CastingInput {
  entries: CastEntry[]
  /** Zou: the entity's nb_entities_out is the length of the body, ignored entries included. */
  size: number
}

const INT_MAX = 2 ** 31 - 1
const LABEL_MAX = 80

function occurences(value: unknown, where: string): number | null {
  if (value === null) return null
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value
  if (typeof n !== 'number' || !Number.isInteger(n) || Math.abs(n) > INT_MAX) {
    throw wrongParameter(`${where}: nb_occurences must be an integer.`)
  }
  return n
}

function label(value: unknown, where: string): string | null {
  if (value === undefined) return ''
  if (value === null) return null
  const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value
  if (typeof text !== 'string' || text.length > LABEL_MAX) {
    throw wrongParameter(`${where}: label must be a string of at most ${LABEL_MAX} characters.`)
  }
  return text
}

/** The entries of one casting array; `context` names the entity in bulk messages. */
export function parseCasting(body: unknown[], context = ''): CastingInput {
  const entries: CastEntry[] = []
  body.forEach((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return
    const cast = item as Record<string, unknown>
    if (!('asset_id' in cast) || !('nb_occurences' in cast)) return
    const where = `${context}Casting entry ${i}`
    if (!isUuid(cast.asset_id)) throw wrongParameter(`${where}: asset_id must be a valid UUID.`)
    entries.push({
      asset_id: cast.asset_id.toLowerCase(),
      nb_occurences: occurences(cast.nb_occurences, where),
      label: label(cast.label, where),
    })
  })
  return { entries, size: body.length }
}

/** Every cast id must be an existing asset (one query for all the castings of a request). */
export async function checkCastAssets(ctx: Ctx, inputs: CastingInput[]): Promise<void> {
  const ids = [...new Set(inputs.flatMap((c) => c.entries.map((e) => e.asset_id)))]
  if (!ids.length) return
  const { rows } = await ctx.pool.query(
    `SELECT e.id::text AS id, et.name IN ${TEMPORAL_SQL} AS temporal
     FROM entity e JOIN entity_type et ON et.id = e.entity_type_id WHERE e.id = ANY($1::uuid[])`,
    [ids],
  )
  const found = new Map(rows.map((r) => [r.id as string, r.temporal as boolean]))
  for (const id of ids) {
    if (!found.has(id)) throw wrongParameter(`No asset found with id: ${id}`)
    if (found.get(id)) throw wrongParameter(`Entity ${id} is not an asset: only assets can be cast.`)
  }
}
