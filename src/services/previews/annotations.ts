// Merging annotation changes into a preview's annotations (routes.md §9 update-annotations,
// also used by the guest route of shared playlists). Annotations are frames keyed by `time`:
// `[{time, drawing: {objects: [{id, ...}]}}]`. Pure: callers lock the row and store the result.
import { randomUUID } from 'node:crypto'

export interface AnnotationObject { id?: string; [key: string]: unknown }
export interface AnnotationFrame { time: number; drawing?: { objects?: AnnotationObject[]; [key: string]: unknown }; [key: string]: unknown }
export interface AnnotationDeletion { time: number; objects: string[] }

export interface AnnotationChanges {
  additions?: AnnotationFrame[]
  updates?: AnnotationFrame[]
  deletions?: AnnotationDeletion[]
}

const withIds = (objects: AnnotationObject[] = []) => objects.map((o) => (o.id ? o : { ...o, id: randomUUID() }))

export function mergeAnnotations(current: AnnotationFrame[] | null | undefined, changes: AnnotationChanges): AnnotationFrame[] {
  const frames: AnnotationFrame[] = structuredClone(Array.isArray(current) ? current : [])
  const frameAt = (time: number) => frames.find((f) => f.time === time)

  for (const addition of changes.additions ?? []) {
    const frame = frameAt(addition.time)
    if (!frame) {
      frames.push({ ...addition, drawing: { ...addition.drawing, objects: withIds(addition.drawing?.objects) } })
      continue
    }
    const objects = (frame.drawing ??= {}).objects ??= []
    const known = new Set(objects.map((o) => o.id))
    for (const object of withIds(addition.drawing?.objects)) if (!known.has(object.id)) objects.push(object)
  }

  for (const update of changes.updates ?? []) {
    const objects = frameAt(update.time)?.drawing?.objects
    if (!objects) continue
    for (const object of update.drawing?.objects ?? []) {
      const i = objects.findIndex((o) => o.id !== undefined && o.id === object.id)
      if (i >= 0) objects[i] = object
    }
  }

  for (const deletion of changes.deletions ?? []) {
    const frame = frameAt(deletion.time)
    if (!frame?.drawing?.objects) continue
    const gone = new Set(deletion.objects ?? [])
    frame.drawing.objects = frame.drawing.objects.filter((o) => !gone.has(o.id as string))
  }

  return frames.filter((f) => (f.drawing?.objects?.length ?? 0) > 0)
}
