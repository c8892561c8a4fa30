// Starts bench/server.ts in a child process and samples its resident memory from
// /proc/<pid>/status (VmRSS every 200 ms, keeping the peak; VmHWM read before it stops).
import { fork, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { build, type BuildOptions } from 'esbuild'
// @ts-expect-error plain .mjs build script without type declarations
import { bundleOptions } from '../scripts/build.mjs'

export interface ServerProcess {
  pid: number
  port: number
  /** Highest VmRSS sampled so far, in MB. */
  peakRssMb(): number
  /** VmHWM (the kernel's own peak RSS), in MB; null once the process is gone. */
  hwmMb(): number | null
  stop(): Promise<void>
}

const SAMPLE_MS = 200

function statusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))
    return match ? Number(match[1]) : null
  } catch {
    return null
  }
}

/** The server runs as a plain-JavaScript bundle, as `npm start` does (no TypeScript loader). */
async function bundleServer(): Promise<string> {
  const outfile = resolve('dist/bench-server.js')
  await build({ ...bundleOptions, entryPoints: [resolve('bench/server.ts')], outfile } as BuildOptions)
  return outfile
}

export async function startServer(databaseUrl: string): Promise<ServerProcess> {
  // BENCH_CPU_PROF=1 writes a V8 CPU profile of the server to bench/results/ (for tuning).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${resolve('bench/results')}`] : []
  const child = fork(await bundleServer(), [], {
    execArgv: profile,
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const pid = child.pid!
  let peakKb = 0
  const sample = () => { peakKb = Math.max(peakKb, statusKb(pid, 'VmRSS') ?? 0) }
  const timer = setInterval(sample, SAMPLE_MS)
  sample()

  let port: number
  try {
    port = await waitForPort(child)
  } catch (err) {
    clearInterval(timer)
    child.kill('SIGKILL')
    throw err
  }

  const exited = new Promise<void>((res) => child.once('exit', () => res()))
  return {
    pid,
    port,
    peakRssMb: () => peakKb / 1024,
    hwmMb: () => {
      const kb = statusKb(pid, 'VmHWM')
      return kb === null ? null : kb / 1024
    },
    async stop() {
      clearInterval(timer)
      if (child.exitCode !== null) return
      child.send('stop')
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timeout)
    },
  }
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((res, rej) => {
    const timeout = setTimeout(() => rej(new Error('the bench server did not start within 60 s')), 60_000)
    child.once('message', (msg: { port?: number }) => {
      clearTimeout(timeout)
      if (msg?.port) res(msg.port)
      else rej(new Error(`unexpected message from the bench server: ${JSON.stringify(msg)}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timeout)
      rej(new Error(`the bench server exited with code ${code} before listening`))
    })
  })
}
