// ffmpeg and ffprobe from their npm packages (working static Linux builds with libx264), run
// as child processes: arguments as an array (no shell), stderr kept for the error message,
// a time limit so a stuck encode cannot hold a worker forever.
import { spawn } from 'node:child_process'
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg'
import ffprobeInstaller from '@ffprobe-installer/ffprobe'

export const FFMPEG = process.env.FFMPEG_PATH || ffmpegInstaller.path
export const FFPROBE = process.env.FFPROBE_PATH || ffprobeInstaller.path

export class MediaToolError extends Error {
  constructor(message: string, readonly stderr: string) {
    super(message)
  }
}

/** Runs a tool to completion; rejects with the end of its stderr on a non-zero exit. */
export function runTool(bin: string, args: string[], opts: { timeoutMs?: number } = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d })
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr = (stderr + d).slice(-20_000) })
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : null
    child.on('error', (err) => { if (timer) clearTimeout(timer); reject(err) })
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (code === 0) return resolve({ stdout, stderr })
      const last = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500)
      reject(new MediaToolError(signal ? `${bin} killed (${signal})` : `${last || `exit code ${code}`}`, stderr))
    })
  })
}

export interface ProbeStream {
  codec_type: string
  codec_name?: string
  width?: number
  height?: number
  r_frame_rate?: string
  avg_frame_rate?: string
  sample_aspect_ratio?: string
  duration?: string
  nb_frames?: string
}

export interface Probe {
  streams: ProbeStream[]
  format: { duration?: string; size?: string; format_name?: string }
}

/** ffprobe's JSON description of a media file (throws MediaToolError on unreadable input). */
export async function probe(file: string): Promise<Probe> {
  const { stdout } = await runTool(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { timeoutMs: 60_000 })
  return JSON.parse(stdout) as Probe
}
