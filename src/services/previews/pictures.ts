// Pictures (files-and-previews.md §5.3): converted to an sRGB PNG (`original-<id>`) and its
// three fitted-and-padded variants, all in the pictures bucket. Movies reuse the variants
// for their first frame.
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import type { Storage } from '../../storage/index.ts'
import { fitAndPad, toSrgbPng } from '../../media/images.ts'

export const PICTURE_VARIANTS = [
  ['thumbnails', 150, 100],
  ['thumbnails-square', 100, 100],
  ['previews', 1200, 0],
] as const

/** Stores `original-<id>` (the PNG at `png`) and the thumbnails, square thumbnails and 1200-wide preview. */
export async function storePictureVariants(storage: Storage, id: string, png: string, maxPixels: number): Promise<void> {
  await storage.put('pictures', `original-${id}`, createReadStream(png))
  for (const [prefix, width, height] of PICTURE_VARIANTS) {
    await storage.put('pictures', `${prefix}-${id}`, await fitAndPad(png, width, height, maxPixels))
  }
}

/** Converts the upload and stores every variant; answers the row fields it sets. */
export async function processPicture(storage: Storage, id: string, input: string, dir: string, maxPixels: number) {
  const png = join(dir, 'original.png')
  const { width, height, size } = await toSrgbPng(input, png, maxPixels)
  await storePictureVariants(storage, id, png, maxPixels)
  return { extension: 'png', width, height, file_size: size, status: 'ready' }
}
