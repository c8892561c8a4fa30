// Other files (files-and-previews.md §5.3): stored as uploaded in the files bucket
// (`previews-<id>`). glTF models (.glb/.gltf) are read first: their bounding box, triangle,
// mesh and material counts go into the row's `data`; one that cannot be read is `broken`
// with the parse error instead.
import { createReadStream } from 'node:fs'
import type { Storage } from '../../storage/index.ts'
import { ModelError, readModelStats, type ModelStats } from '../../media/gltf.ts'
import { MODEL_EXTENSIONS } from './kinds.ts'

/** Models above this size are stored without their statistics (parsing reads them into memory). */
const MODEL_PARSE_LIMIT = 512 * 1024 ** 2

export type FileOutcome =
  | { status: 'ready'; fields: Record<string, unknown>; data?: ModelStats }
  | { status: 'broken'; reason: string }

export async function processOtherFile(storage: Storage, id: string, input: string, extension: string, size: number): Promise<FileOutcome> {
  let stats: ModelStats | undefined
  if (MODEL_EXTENSIONS.has(extension) && size <= MODEL_PARSE_LIMIT) {
    try {
      stats = await readModelStats(input, extension as 'glb' | 'gltf')
    } catch (err) {
      if (err instanceof ModelError) return { status: 'broken', reason: `unreadable model: ${err.message}` }
      throw err
    }
  }
  await storage.put('files', `previews-${id}`, createReadStream(input))
  return { status: 'ready', fields: { extension, file_size: size, status: 'ready' }, data: stats }
}
