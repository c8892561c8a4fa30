// Concatenating movies with ffmpeg (Zou's playlist build): the concat demuxer first (no
// re-encode, needs identical streams), then the concat filter, re-encoding every input to the
// project's resolution and frame rate (inputs of any size, with or without audio).
import { writeFile } from 'node:fs/promises'
import { FFMPEG, probe, runTool, type Probe } from '../../media/ffmpeg.ts'

const TIMEOUT_MS = 30 * 60_000

export interface ConcatTarget {
  width: number
  height: number
  fps: string
}

/** "1920x1080" → even width and height (x264 needs them), else 1920x1080. */
export function parseResolution(value: string | null | undefined): { width: number; height: number } {
  const m = /^(\d{2,5})x(\d{2,5})$/.exec(value ?? '')
  if (!m) return { width: 1920, height: 1080 }
  const even = (n: number) => Math.max(2, n - (n % 2))
  return { width: even(Number(m[1])), height: even(Number(m[2])) }
}

/** A frame rate ffmpeg accepts ("25", "23.976", "24000/1001"), else 25. */
export function parseFps(value: string | null | undefined): string {
  const v = (value ?? '').trim()
  return /^\d{1,3}(\.\d{1,3})?$/.test(v) || /^\d{1,6}\/\d{1,6}$/.test(v) ? v : '25'
}

async function concatDemuxer(inputs: string[], listPath: string, out: string): Promise<void> {
  // Paths are ours (TMP_DIR + ids); quotes escaped as the concat format wants anyway.
  await writeFile(listPath, inputs.map((p) => `file '${p.replace(/'/g, "'\\''")}'`).join('\n') + '\n')
  await runTool(FFMPEG, ['-y', '-v', 'error', '-f', 'concat', '-safe', '0', '-i', listPath, '-c', 'copy', '-movflags', '+faststart', out], { timeoutMs: TIMEOUT_MS })
  const info = await probe(out)
  if (!info.streams.some((s) => s.codec_type === 'video')) throw new Error('concat demuxer produced no video')
}

async function concatFilter(inputs: string[], infos: Probe[], target: ConcatTarget, out: string): Promise<void> {
  const { width: w, height: h, fps } = target
  const args = ['-y', '-v', 'error']
  for (const p of inputs) args.push('-i', p)
  const filters: string[] = []
  infos.forEach((info, i) => {
    filters.push(`[${i}:v]scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=${fps},format=yuv420p[v${i}]`)
    // A silent input gets a silent track of its own length, so every segment has audio.
    const duration = Number(info.format.duration ?? 0) || 0.04
    filters.push(info.streams.some((s) => s.codec_type === 'audio')
      ? `[${i}:a]aresample=48000,aformat=channel_layouts=stereo[a${i}]`
      : `anullsrc=r=48000:cl=stereo,atrim=duration=${duration}[a${i}]`)
  })
  filters.push(`${inputs.map((_, i) => `[v${i}][a${i}]`).join('')}concat=n=${inputs.length}:v=1:a=1[v][a]`)
  args.push('-filter_complex', filters.join(';'), '-map', '[v]', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k',
    '-movflags', '+faststart', out)
  await runTool(FFMPEG, args, { timeoutMs: TIMEOUT_MS })
}

/** Same video codec, size and rate, same audio codec (or none) everywhere: stream copy works. */
function copyable(infos: Probe[]): boolean {
  const key = (info: Probe) => {
    const v = info.streams.find((st) => st.codec_type === 'video')
    const a = info.streams.find((st) => st.codec_type === 'audio')
    return v ? `${v.codec_name}/${v.width}x${v.height}/${v.r_frame_rate}/${a?.codec_name ?? '-'}` : null
  }
  const first = key(infos[0])
  return first !== null && infos.every((i) => key(i) === first)
}

/**
 * Concatenates `inputs` (in order) into `out`; returns the method used. Zou tries the demuxer
 * blindly; with inputs of different sizes or codecs it "succeeds" with a broken movie, so
 * those go straight to the re-encoding filter.
 */
export async function concatMovies(inputs: string[], target: ConcatTarget, work: { listPath: string }, out: string): Promise<'demuxer' | 'filter'> {
  const infos = await Promise.all(inputs.map(probe))
  if (copyable(infos)) {
    try {
      await concatDemuxer(inputs, work.listPath, out)
      return 'demuxer'
    } catch {
      // fall through to the filter
    }
  }
  await concatFilter(inputs, infos, target, out)
  return 'filter'
}
