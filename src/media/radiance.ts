// Radiance HDR (.hdr, RGBE) to 8-bit RGB for thumbnails: neither sharp's libvips build nor the
// bundled ffmpeg (4.x) reads the format, and it is small enough to decode here. Pixels are
// sampled on the way (a thumbnail needs at most ~1200 px across) and tone-mapped
// (Reinhard, then gamma 2.2).
export class RadianceError extends Error {}

export interface DecodedRadiance {
  width: number
  height: number
  /** width × height × 3 bytes, sRGB-ish. */
  rgb: Buffer
}

function readHeader(buf: Buffer): { width: number; height: number; offset: number } {
  let pos = 0
  const line = () => {
    const end = buf.indexOf(0x0a, pos)
    if (end < 0) throw new RadianceError('truncated header')
    const text = buf.subarray(pos, end).toString('latin1')
    pos = end + 1
    return text
  }
  const magic = line()
  if (!magic.startsWith('#?')) throw new RadianceError('not a Radiance HDR file')
  for (let i = 0; ; i++) {
    if (i > 1000) throw new RadianceError('header too long')
    const l = line()
    if (l === '') break
    if (l.startsWith('FORMAT=') && !/rgbe|xyze/.test(l)) throw new RadianceError(`unsupported ${l}`)
  }
  const m = /^([-+])Y (\d+) ([-+])X (\d+)$/.exec(line().trim())
  if (!m) throw new RadianceError('unsupported resolution line')
  return { height: Number(m[2]), width: Number(m[4]), offset: pos }
}

/** One scanline of RGBE bytes (new run-length encoding or flat). */
function readScanline(buf: Buffer, pos: number, width: number, out: Buffer): number {
  const rle = width >= 8 && width < 0x8000 && buf[pos] === 2 && buf[pos + 1] === 2 && ((buf[pos + 2] << 8) | buf[pos + 3]) === width
  if (!rle) {
    if (pos + width * 4 > buf.length) throw new RadianceError('truncated pixel data')
    buf.copy(out, 0, pos, pos + width * 4)
    return pos + width * 4
  }
  pos += 4
  for (let c = 0; c < 4; c++) {
    let x = 0
    while (x < width) {
      if (pos >= buf.length) throw new RadianceError('truncated pixel data')
      let count = buf[pos++]
      if (count > 128) {
        count -= 128
        if (x + count > width) throw new RadianceError('bad run length')
        const value = buf[pos++]
        for (let i = 0; i < count; i++) out[(x++) * 4 + c] = value
      } else {
        if (count === 0 || x + count > width || pos + count > buf.length) throw new RadianceError('bad run length')
        for (let i = 0; i < count; i++) out[(x++) * 4 + c] = buf[pos++]
      }
    }
  }
  return pos
}

const toByte = (v: number) => Math.round(255 * Math.pow(v / (1 + v), 1 / 2.2))

export function decodeRadiance(buf: Buffer, maxPixels: number, maxSide = 1200): DecodedRadiance {
  const { width, height, offset } = readHeader(buf)
  if (!width || !height) throw new RadianceError('empty picture')
  if (width * height > maxPixels) throw new RadianceError(`picture too large: ${width}x${height}`)
  const step = Math.max(1, Math.ceil(Math.max(width, height) / maxSide))
  const outW = Math.ceil(width / step)
  const outH = Math.ceil(height / step)
  const rgb = Buffer.alloc(outW * outH * 3)
  const line = Buffer.alloc(width * 4)
  let pos = offset
  for (let y = 0; y < height; y++) {
    pos = readScanline(buf, pos, width, line)
    if (y % step) continue
    const row = (y / step) * outW * 3
    for (let x = 0; x < width; x += step) {
      const e = line[x * 4 + 3]
      const f = e ? Math.pow(2, e - 136) : 0
      const o = row + (x / step) * 3
      for (let c = 0; c < 3; c++) rgb[o + c] = f ? toByte((line[x * 4 + c] + 0.5) * f) : 0
    }
  }
  return { width: outW, height: outH, rgb }
}
