// Burning a Kitsu annotation (fabric.js objects) into a frame: the objects become an SVG
// overlay of the frame's size, composited with sharp (no canvas dependency). Coordinates are
// in the drawing canvas's space (`canvasWidth`/`canvasHeight` of each object, else the
// frame's) and scaled to the frame. Path commands are canvas-absolute, as fabric stores them;
// line/arrow ends too. Unknown object types are skipped, never an error.
import sharp from 'sharp'

type Obj = Record<string, unknown>

const num = (v: unknown, fallback = 0): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number.parseFloat(v) : Number.NaN
  return Number.isFinite(n) ? n : fallback
}
const fmt = (n: number) => (Math.round(n * 100) / 100).toString()
const xml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A colour as given (hex, name, rgb()/rgba()), or null when absent or not a plain colour. */
function colour(v: unknown): string | null {
  if (typeof v !== 'string' || !v || v === 'transparent') return null
  return /^[#a-zA-Z0-9(),.%\s]{1,64}$/.test(v) ? v.trim() : null
}

interface Scale { sx: number; sy: number }

function scaleOf(obj: Obj, width: number, height: number): Scale {
  return { sx: width / (num(obj.canvasWidth) || width), sy: height / (num(obj.canvasHeight) || height) }
}

const lineColour = (o: Obj) => colour(o.stroke) ?? colour(o.fill) ?? '#000000'
const strokeWidth = (o: Obj, s: Scale) => fmt(Math.max(1, num(o.strokeWidth, 1) * s.sx))

function shapePaint(o: Obj, s: Scale): string {
  const stroke = colour(o.stroke)
  const fill = colour(o.fill) ?? 'none'
  return stroke ? `fill="${xml(fill)}" stroke="${xml(stroke)}" stroke-width="${strokeWidth(o, s)}"` : `fill="${xml(fill)}"`
}

const linePaint = (o: Obj, s: Scale) =>
  `fill="none" stroke="${xml(lineColour(o))}" stroke-width="${strokeWidth(o, s)}" stroke-linecap="round" stroke-linejoin="round"`

/** Path commands (fabric's array form or an SVG string) scaled into an SVG `d`. */
function pathData(raw: unknown, s: Scale): string {
  let commands: unknown[][] = []
  if (Array.isArray(raw)) commands = raw.filter(Array.isArray) as unknown[][]
  else if (typeof raw === 'string') {
    commands = [...raw.matchAll(/([MLQCZmlqcz])([^MLQCZmlqcz]*)/g)].map((m) => [m[1], ...(m[2].match(/-?\d*\.?\d+(?:e-?\d+)?/gi) ?? [])])
  }
  const arity: Record<string, number> = { M: 2, L: 2, Q: 4, C: 6, Z: 0 }
  const parts: string[] = []
  for (const [op, ...args] of commands) {
    const code = String(op).toUpperCase()
    const n = arity[code]
    if (n === undefined || args.length < n) continue
    const coords = args.slice(0, n).map((a, i) => fmt(num(a) * (i % 2 ? s.sy : s.sx)))
    parts.push([code, ...coords].join(' '))
  }
  return parts.join(' ')
}

function arrow(o: Obj, s: Scale): string {
  const [x1, y1, x2, y2] = [num(o.x1) * s.sx, num(o.y1) * s.sy, num(o.x2) * s.sx, num(o.y2) * s.sy]
  const head = num(o.arrowHeadSize, 15) * s.sx
  const angle = Math.atan2(y2 - y1, x2 - x1)
  const colourOf = xml(lineColour(o))
  const end = head > 0 ? [x2 - head * 0.7 * Math.cos(angle), y2 - head * 0.7 * Math.sin(angle)] : [x2, y2]
  let out = `<line x1="${fmt(x1)}" y1="${fmt(y1)}" x2="${fmt(end[0])}" y2="${fmt(end[1])}" ${linePaint(o, s)}/>`
  if (head > 0) {
    const pts = [[x2, y2], [x2 - head * Math.cos(angle - Math.PI / 6), y2 - head * Math.sin(angle - Math.PI / 6)],
      [x2 - head * Math.cos(angle + Math.PI / 6), y2 - head * Math.sin(angle + Math.PI / 6)]]
    out += `<polygon points="${pts.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(' ')}" fill="${colourOf}"/>`
  }
  return out
}

function text(o: Obj, s: Scale): string {
  const value = typeof o.text === 'string' ? o.text : ''
  if (!value) return ''
  const size = Math.max(1, num(o.fontSize, 16) * num(o.scaleY, 1) * s.sy)
  const x = num(o.left) * s.sx
  const y = num(o.top) * s.sy
  const fill = xml(colour(o.fill) ?? colour(o.stroke) ?? '#000000')
  const lines = value.split('\n').map((line, i) =>
    `<tspan x="${fmt(x)}" y="${fmt(y + size * (i + 0.9) * 1.16)}">${xml(line)}</tspan>`).join('')
  return `<text font-family="DejaVu Sans, sans-serif" font-size="${fmt(size)}" fill="${fill}">${lines}</text>`
}

function element(o: unknown, width: number, height: number): string {
  if (!o || typeof o !== 'object') return ''
  const obj = o as Obj
  const s = scaleOf(obj, width, height)
  const type = String(obj.type ?? '').toLowerCase()
  const x = num(obj.left) * s.sx
  const y = num(obj.top) * s.sy
  const w = num(obj.width) * num(obj.scaleX, 1) * s.sx
  const h = num(obj.height) * num(obj.scaleY, 1) * s.sy
  switch (type) {
    case 'rect':
      return w > 0 && h > 0 ? `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(h)}" ${shapePaint(obj, s)}/>` : ''
    case 'circle':
    case 'ellipse': {
      let [ew, eh] = [w, h]
      if (obj.rx !== undefined || obj.ry !== undefined) {
        ew = 2 * num(obj.rx) * num(obj.scaleX, 1) * s.sx
        eh = 2 * num(obj.ry) * num(obj.scaleY, 1) * s.sy
      } else if (obj.radius !== undefined) {
        ew = 2 * num(obj.radius) * num(obj.scaleX, 1) * s.sx
        eh = 2 * num(obj.radius) * num(obj.scaleY, 1) * s.sy
      }
      if (ew <= 0 || eh <= 0) return ''
      return `<ellipse cx="${fmt(x + ew / 2)}" cy="${fmt(y + eh / 2)}" rx="${fmt(ew / 2)}" ry="${fmt(eh / 2)}" ${shapePaint(obj, s)}/>`
    }
    case 'line':
      return `<line x1="${fmt(num(obj.x1) * s.sx)}" y1="${fmt(num(obj.y1) * s.sy)}" x2="${fmt(num(obj.x2) * s.sx)}" y2="${fmt(num(obj.y2) * s.sy)}" ${linePaint(obj, s)}/>`
    case 'arrow':
      return arrow(obj, s)
    case 'path': {
      const d = pathData(obj.path, s)
      return d ? `<path d="${d}" ${linePaint(obj, s)}/>` : ''
    }
    case 'polyline':
    case 'polygon':
    case 'psstroke': {
      const raw = (type === 'psstroke' ? obj.strokePoints : obj.points) as unknown
      const pts = (Array.isArray(raw) ? raw : []).map((p) => `${fmt(num((p as Obj)?.x) * s.sx)},${fmt(num((p as Obj)?.y) * s.sy)}`)
      if (pts.length < 2) return ''
      return type === 'polygon'
        ? `<polygon points="${pts.join(' ')}" ${shapePaint(obj, s)}/>`
        : `<polyline points="${pts.join(' ')}" ${linePaint(obj, s)}/>`
    }
    case 'text':
    case 'i-text':
    case 'textbox':
      return text(obj, s)
    case 'group':
      return (Array.isArray(obj.objects) ? obj.objects : []).map((c) => element(c, width, height)).join('')
    default:
      return ''
  }
}

/** The SVG overlay of an annotation's objects for a frame of the given size. */
export function annotationSvg(annotation: unknown, width: number, height: number): string {
  const objects = ((annotation as Obj | null)?.drawing as Obj | undefined)?.objects
  const body = (Array.isArray(objects) ? objects : []).map((o) => element(o, width, height)).join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`
}

/** The frame (PNG/JPEG bytes) with the annotation drawn on top, as an opaque PNG. */
export async function renderAnnotation(frame: Buffer, annotation: unknown, maxPixels: number): Promise<Buffer> {
  const image = sharp(frame, { limitInputPixels: maxPixels })
  const { width = 1, height = 1 } = await image.metadata()
  const svg = Buffer.from(annotationSvg(annotation, width, height))
  return image.composite([{ input: svg, top: 0, left: 0 }]).flatten({ background: '#ffffff' }).png().toBuffer()
}
