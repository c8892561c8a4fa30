// Zou's wire formats produced by PostgreSQL, for the few hot reads that build their JSON in
// SQL (lib/serialize.ts is the JavaScript side): datetimes `YYYY-MM-DDTHH:MM:SS`, dates
// `YYYY-MM-DD`, every other column as stored.
import { modelMetaOf, wireName, type WireType } from './meta.ts'

/** One column expression in wire format. */
export function wireValueSql(type: WireType, expr: string): string {
  if (type === 'datetime') return `to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS')`
  if (type === 'date') return `to_char(${expr}, 'YYYY-MM-DD')`
  return expr
}

/** A model's serialized columns read from `alias` as [wire key, SQL expression] pairs, then
 * `type` (bytea and `hidden` columns left out). */
export function wireColumnsSql(model: string, alias: string, hidden: ReadonlySet<string> = new Set()): Array<[string, string]> {
  const meta = modelMetaOf(model)
  const out: Array<[string, string]> = []
  for (const f of meta.fields) {
    if (f.type === 'bytes' || hidden.has(f.name)) continue
    out.push([wireName(meta, f.name), wireValueSql(f.type, `${alias}."${f.name}"`)])
  }
  out.push(['type', `'${model}'::text`])
  return out
}
