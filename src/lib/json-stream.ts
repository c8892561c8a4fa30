// Large JSON answers whose rows are already JSON texts: sent as a stream of chunks of a few
// hundred rows, so no single string (or socket buffer) ever holds the whole body.
import { Readable } from 'node:stream'

/** prefix, the rows separated by `separator`, then suffix — a few hundred rows per chunk. */
export function* joinedChunks(prefix: string, rows: string[], separator: string, suffix: string): Generator<string> {
  yield prefix
  for (let i = 0; i < rows.length; i += 256) yield (i ? separator : '') + rows.slice(i, i + 256).join(separator)
  yield suffix
}

/** A JSON array of the row texts, as a stream body. */
export const jsonArrayStream = (rows: string[]) => Readable.from(joinedChunks('[', rows, ',', ']'))
