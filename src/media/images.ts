// Picture helpers on sharp (libvips: streaming, bounded memory). Zou's "fit and pad": scale to
// fit inside the box keeping the ratio (small pictures are enlarged), centred on a transparent
// canvas of exactly the box size; a height of 0 means "width fixed, height proportional".
import sharp, { type Sharp } from 'sharp'

/** Refuse decompression bombs before decoding a pixel. */
export function openImage(input: string | Buffer, maxPixels: number): Sharp {
  return sharp(input, { limitInputPixels: maxPixels, failOn: 'none' })
}

export async function fitAndPad(input: string | Buffer, width: number, height: number, maxPixels: number): Promise<Buffer> {
  const image = openImage(input, maxPixels).rotate().toColourspace('srgb').ensureAlpha()
  if (height === 0) return image.resize({ width }).png().toBuffer()
  return image
    .resize({ width, height, fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer()
}

export class PictureTooLargeError extends Error {}

/** Width and height from the header only (no decoding); refuses more pixels than `maxPixels`. */
export async function pictureSize(input: string, maxPixels: number): Promise<{ width: number; height: number }> {
  const meta = await sharp(input, { limitInputPixels: false }).metadata()
  const width = meta.width ?? 0
  const height = meta.height ?? 0
  if (!width || !height) throw new Error('unreadable picture')
  if (width * height > maxPixels) throw new PictureTooLargeError(`Picture too large: ${width}x${height} pixels (limit ${maxPixels}).`)
  return { width, height }
}

/**
 * Zou's picture conversion: sRGB (the embedded ICC profile honoured, EXIF orientation
 * applied), alpha kept, written as PNG to `outPng`.
 */
export async function toSrgbPng(input: string, outPng: string, maxPixels: number): Promise<{ width: number; height: number; size: number }> {
  const info = await openImage(input, maxPixels).rotate().toColourspace('srgb').png().toFile(outPng)
  return { width: info.width, height: info.height, size: info.size }
}

/** Raw 8-bit RGB pixels (e.g. a decoded HDR) fitted and padded like fitAndPad. */
export async function fitAndPadRaw(raw: Buffer, size: { width: number; height: number }, width: number, height: number): Promise<Buffer> {
  return sharp(raw, { raw: { width: size.width, height: size.height, channels: 3 } })
    .ensureAlpha()
    .resize({ width, height, fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer()
}
