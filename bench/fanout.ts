// Event fan-out: 500 connected sockets (socket.io-client over websocket) on one instance,
// then spread over three instances sharing Redis; ~100 task updates through the HTTP API,
// each timed from the request's start to the event's arrival on the last socket.
// Run by `npm run bench` (label `fanout`, BENCH_ONLY=fanout for this part alone). The
// three-instance case needs Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379) and is
// skipped when none answers.
import { io, type Socket } from 'socket.io-client'
import { redisAnswers } from '../test/helpers/redis.ts'
import type { Fixture } from './seed.ts'
import { BENCH_PASSWORD } from './seed.ts'
import { startServer, type ServerProcess } from './server-process.ts'

const SOCKETS = 500
const WRITES = 100
const WARMUP = 5

export interface FanoutResult {
  instances: number; sockets: number; writes: number
  /** Write start → event on the last socket. */
  p50Ms: number; p99Ms: number; maxMs: number
  /** Write start → HTTP response, and → event on the first socket (where the time goes). */
  httpP50Ms: number; firstP50Ms: number
  /** The same write with no socket connected (the write's own cost). */
  aloneP50Ms: number
}

async function token(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`fanout log-in failed: ${res.status}`)
  return ((await res.json()) as { access_token: string }).access_token
}

function connectSocket(url: string, accessToken: string): Promise<Socket> {
  const socket = io(`${url}/events`, {
    transports: ['websocket'], reconnection: false, forceNew: true,
    extraHeaders: { cookie: `access_token_cookie=${accessToken}` },
  })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]

function write(url: string, accessToken: string, taskId: string, priority: number) {
  return fetch(`${url}/api/data/tasks/${taskId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ priority }),
  })
}

async function scenario(servers: ServerProcess[], fixture: Fixture): Promise<FanoutResult> {
  const urls = servers.map((s) => `http://127.0.0.1:${s.port}`)
  const accessToken = await token(urls[0], fixture.adminEmail)
  const alone: number[] = []
  for (let i = 0; i < WARMUP + 20; i++) {
    const start = performance.now()
    const res = await write(urls[i % urls.length], accessToken, fixture.taskIds[i % fixture.taskIds.length], (i + 1) % 4)
    await res.arrayBuffer()
    if (i >= WARMUP) alone.push(performance.now() - start)
  }
  alone.sort((a, b) => a - b)
  const sockets: Socket[] = []
  for (let i = 0; i < SOCKETS; i += 50) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, SOCKETS - i) }, (_, k) => connectSocket(urls[(i + k) % urls.length], accessToken)))))
  }
  let arrived = 0
  let target = 0
  let done: (() => void) | null = null
  let first = 0
  for (const s of sockets) {
    s.on('task:update', () => {
      arrived++
      if (arrived === target - sockets.length + 1) first = performance.now()
      if (arrived === target) done?.()
    })
  }
  const latencies: number[] = []
  const http: number[] = []
  const firsts: number[] = []
  try {
    for (let i = 0; i < WARMUP + WRITES; i++) {
      target = (i + 1) * sockets.length
      const all = new Promise<void>((resolve) => { done = resolve })
      const start = performance.now()
      const res = await write(urls[i % urls.length], accessToken, fixture.taskIds[i % fixture.taskIds.length], i % 4)
      const answered = performance.now()
      if (res.status !== 200) throw new Error(`fanout write answered ${res.status}: ${await res.text()}`)
      await res.arrayBuffer()
      await all
      if (i >= WARMUP) {
        latencies.push(performance.now() - start)
        http.push(answered - start)
        firsts.push(first - start)
      }
    }
    await new Promise((r) => setTimeout(r, 200))
    if (arrived !== (WARMUP + WRITES) * sockets.length) throw new Error(`fanout: ${arrived} arrivals, expected ${(WARMUP + WRITES) * sockets.length}`)
  } finally {
    for (const s of sockets) s.close()
  }
  for (const list of [latencies, http, firsts]) list.sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 10) / 10
  return {
    instances: servers.length, sockets: sockets.length, writes: latencies.length,
    p50Ms: round(percentile(latencies, 0.5)), p99Ms: round(percentile(latencies, 0.99)), maxMs: round(latencies.at(-1)!),
    httpP50Ms: round(percentile(http, 0.5)), firstP50Ms: round(percentile(firsts, 0.5)),
    aloneP50Ms: round(percentile(alone, 0.5)),
  }
}

async function withServers<T>(databaseUrl: string, count: number, env: Record<string, string>, fn: (s: ServerProcess[]) => Promise<T>): Promise<T> {
  // startServer passes process.env on to the child: set the scenario's variables around it.
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
  Object.assign(process.env, env)
  const servers: ServerProcess[] = []
  try {
    for (let i = 0; i < count; i++) servers.push(await startServer(databaseUrl))
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
  try {
    return await fn(servers)
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
}

export async function runFanout(databaseUrl: string, fixture: Fixture): Promise<FanoutResult[]> {
  const results: FanoutResult[] = []
  const report = (r: FanoutResult) => {
    results.push(r)
    console.log(`  fanout          ${r.instances} instance(s), ${r.sockets} sockets, ${r.writes} writes: write→last socket p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  max ${r.maxMs} ms (target p99 < 100 ms); HTTP answer p50 ${r.httpP50Ms} ms, first socket p50 ${r.firstP50Ms} ms; the write alone p50 ${r.aloneP50Ms} ms`)
  }
  report(await withServers(databaseUrl, 1, { REDIS_URL: '' }, (s) => scenario(s, fixture)))
  const redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379'
  if (await redisAnswers(redisUrl)) {
    report(await withServers(databaseUrl, 3, { REDIS_URL: redisUrl }, (s) => scenario(s, fixture)))
  } else {
    console.log(`  fanout          three instances skipped: no Redis at ${redisUrl}`)
  }
  return results
}
