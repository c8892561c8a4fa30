// Listening Slate instances and socket.io clients for the event-stream tests.
import type { FastifyInstance } from 'fastify'
import { io, type Socket, type ManagerOptions, type SocketOptions } from 'socket.io-client'
import { buildApp } from '../../src/app.ts'
import { testConfig } from '../helpers/app.ts'

export interface Instance { app: FastifyInstance; url: string }

/** One more Slate on the same database (and Redis when given), listening on a free port. */
export async function startInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<Instance> {
  const app = await buildApp({ config: testConfig({ JOB_WORKER: 'off', ...env }), databaseUrl, logger: false })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, url }
}

export async function listen(app: FastifyInstance): Promise<Instance> {
  return { app, url: await app.listen({ port: 0, host: '127.0.0.1' }) }
}

export interface Received { name: string; args: unknown[] }

export interface Client {
  socket: Socket
  events: Received[]
  /** Events of one name. */
  named(name: string): Received[]
}

export type ConnectOptions = Partial<ManagerOptions & SocketOptions> & { cookie?: string; bearer?: string }

/** Connects to /events (default transports: polling, then the websocket upgrade, as Kitsu). */
export function connect(url: string, opts: ConnectOptions = {}): Promise<Client> {
  const { cookie, bearer, ...rest } = opts
  const extraHeaders: Record<string, string> = {}
  if (cookie) extraHeaders.cookie = `access_token_cookie=${cookie}`
  if (bearer) extraHeaders.authorization = `Bearer ${bearer}`
  const socket = io(`${url}/events`, { path: '/socket.io', reconnection: false, forceNew: true, extraHeaders, ...rest })
  const events: Received[] = []
  socket.onAny((name: string, ...args: unknown[]) => { events.push({ name, args }) })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, events, named: (n) => events.filter((e) => e.name === n) }))
    socket.once('connect_error', (err) => { socket.close(); reject(err) })
  })
}

/** Polls until the check passes (no timed assertion: the test timeout is the limit). */
export async function until(check: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 2000) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** connect() that remembers its clients, so a file's afterAll closes them all. */
export function trackedClients() {
  const clients: Client[] = []
  return {
    open: async (...args: Parameters<typeof connect>) => {
      const c = await connect(...args)
      clients.push(c)
      return c
    },
    closeAll: () => { for (const c of clients) c.socket.close() },
  }
}
