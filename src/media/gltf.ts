// Facts about an uploaded glTF model (.glb or .gltf), read with @gltf-transform/core: the
// bounding box of every mesh position in world space (node matrices applied; meshes used by
// no node count with their raw accessor bounds), triangles, meshes and materials. Only the
// uploaded bytes are read: a .gltf whose buffers or images point outside itself (anything
// but a data: URI) is refused rather than resolved against the server's disk.
import { readFile } from 'node:fs/promises'
import { NodeIO, type Accessor, type Document, type mat4, type vec3 } from '@gltf-transform/core'

export class ModelError extends Error {}

export interface ModelStats {
  bounding_box: { min: number[]; max: number[] } | null
  triangle_count: number
  mesh_count: number
  material_count: number
}

const MODE = { TRIANGLES: 4, TRIANGLE_STRIP: 5, TRIANGLE_FAN: 6 }

function checkEmbedded(json: { buffers?: Array<{ uri?: string }>; images?: Array<{ uri?: string }> }): void {
  for (const item of [...(json.buffers ?? []), ...(json.images ?? [])]) {
    if (item.uri !== undefined && !item.uri.startsWith('data:')) throw new ModelError(`external resource not allowed: ${item.uri.slice(0, 100)}`)
  }
}

async function readDocument(path: string, extension: 'glb' | 'gltf'): Promise<Document> {
  const io = new NodeIO()
  const bytes = await readFile(path)
  try {
    if (extension === 'glb') {
      const jsonDoc = await io.binaryToJSON(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      checkEmbedded(jsonDoc.json)
      return await io.readJSON(jsonDoc)
    }
    const json = JSON.parse(bytes.toString('utf8'))
    if (!json || typeof json !== 'object' || !json.asset) throw new ModelError('not a glTF document')
    checkEmbedded(json)
    return await io.readJSON({ json, resources: {} })
  } catch (err) {
    if (err instanceof ModelError) throw err
    throw new ModelError((err as Error).message || String(err))
  }
}

function transform(m: mat4, p: number[]): number[] {
  return [
    m[0] * p[0] + m[4] * p[1] + m[8] * p[2] + m[12],
    m[1] * p[0] + m[5] * p[1] + m[9] * p[2] + m[13],
    m[2] * p[0] + m[6] * p[1] + m[10] * p[2] + m[14],
  ]
}

function triangles(mode: number, count: number): number {
  if (mode === MODE.TRIANGLES) return Math.floor(count / 3)
  if (mode === MODE.TRIANGLE_STRIP || mode === MODE.TRIANGLE_FAN) return Math.max(0, count - 2)
  return 0
}

export async function readModelStats(path: string, extension: 'glb' | 'gltf'): Promise<ModelStats> {
  const doc = await readDocument(path, extension)
  const root = doc.getRoot()
  const min = [Infinity, Infinity, Infinity]
  const max = [-Infinity, -Infinity, -Infinity]
  const extend = (p: number[]) => {
    for (let i = 0; i < 3; i++) {
      min[i] = Math.min(min[i], p[i])
      max[i] = Math.max(max[i], p[i])
    }
  }
  const cornersOf = (position: Accessor) => {
    const lo = position.getMin([]) as vec3
    const hi = position.getMax([]) as vec3
    if (lo.length < 3 || hi.length < 3) return []
    const out: number[][] = []
    for (const x of [lo[0], hi[0]]) for (const y of [lo[1], hi[1]]) for (const z of [lo[2], hi[2]]) out.push([x, y, z])
    return out
  }
  const placed = new Set()
  for (const node of root.listNodes()) {
    const mesh = node.getMesh()
    if (!mesh) continue
    placed.add(mesh)
    const matrix = node.getWorldMatrix()
    for (const prim of mesh.listPrimitives()) {
      const position = prim.getAttribute('POSITION')
      if (position) for (const corner of cornersOf(position)) extend(transform(matrix, corner))
    }
  }
  let triangleCount = 0
  for (const mesh of root.listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      const position = prim.getAttribute('POSITION')
      if (!position) continue
      if (!placed.has(mesh)) for (const corner of cornersOf(position)) extend(corner)
      triangleCount += triangles(prim.getMode(), (prim.getIndices() ?? position).getCount())
    }
  }
  const round = (v: number) => Math.round(v * 1e6) / 1e6
  return {
    bounding_box: Number.isFinite(min[0]) ? { min: min.map(round), max: max.map(round) } : null,
    triangle_count: triangleCount,
    mesh_count: root.listMeshes().length,
    material_count: root.listMaterials().length,
  }
}
