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
