// The tus 1.0 server (@tus/server + @tus/file-store, parts under <TMP_DIR>/tus) behind
// Fastify: routes authenticate and check rights first, then hand the raw request and
// response to tus (the reply is hijacked, the body is never parsed nor buffered). Progress
// is written to the upload row while bytes arrive; the final PATCH starts the completion.
import type { IncomingMessage } from 'node:http'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Server } from '@tus/server'
import type { Config } from '../../config.ts'
import type { Ctx } from '../../crud/context.ts'
import type { Pool } from '../../db/client.ts'
import { completeUpload } from './complete.ts'
import { findUpload, recordOffset, startProcessing } from './records.ts'

/** What a route tells tus about the request it hands over. */
export interface TusCall {
  ctx: Ctx
  /** The upload id (chosen by the route for a creation). */
  id: string
  /** `/api` when the client came through the /api prefix: Location keeps it. */
  prefix: string
}

export interface Uploads {
  directory: string
  /** Runs one tus request on the raw request and response. */
  handle(req: FastifyRequest, reply: FastifyReply, call: TusCall): Promise<void>
  /** The current byte count of an unfinished upload, or null when tus has no such upload. */
  offsetOf(id: string): Promise<number | null>
  /** Removes what tus keeps of an upload (data and metadata files). */
  discard(id: string): Promise<void>
  /** Waits for completions still running (app close). */
  drain(): Promise<void>
}

type Log = (err: unknown) => void

/** The tus server and its file store are loaded and built on the first tus request. */
export function createUploads(config: Config, pool: Pool, log: Log): Uploads {
  const directory = join(config.tmpDir, 'tus')
  const running = new Set<Promise<void>>()
  let built: Promise<Built> | null = null
  const build = () => (built ??= buildTus(config, pool, log, directory, running))
  return {
    directory,
    async handle(req, reply, call) {
      const { tus, calls } = await build()
      reply.hijack()
      // Headers set by hooks (security, CORS) survive the hijack.
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) reply.raw.setHeader(name, value as string)
      }
      calls.set(req.raw, call)
      try {
        await tus.handle(req.raw, reply.raw)
      } catch (err) {
        log(err)
        if (!reply.raw.headersSent) reply.raw.writeHead(500).end()
        else reply.raw.destroy()
      }
    },
    async offsetOf(id) {
      const { datastore } = await build()
      try {
        return (await datastore.getUpload(id)).offset
      } catch {
        return null
      }
    },
    discard: (id) => discardParts(directory, id),
    async drain() {
      while (running.size) await Promise.allSettled([...running])
    },
  }
}

interface Built {
  tus: Server
  datastore: { getUpload(id: string): Promise<{ offset: number }> }
  calls: WeakMap<IncomingMessage, TusCall>
}

async function discardParts(directory: string, id: string) {
  await rm(join(directory, id), { force: true })
  await rm(join(directory, `${id}.json`), { force: true })
}

async function buildTus(config: Config, pool: Pool, log: Log, directory: string, running: Set<Promise<void>>): Promise<Built> {
  const [{ EVENTS, Server }, { FileStore }] = await Promise.all([import('@tus/server'), import('@tus/file-store')])
  const datastore = new FileStore({ directory })
  const calls = new WeakMap<IncomingMessage, TusCall>()
  const callOf = (req: { runtime?: { node?: { req: IncomingMessage } } }): TusCall => {
    const call = req.runtime?.node?.req && calls.get(req.runtime.node.req)
    if (!call) throw new Error('tus request without its route call')
    return call
  }
  const discard = (id: string) => discardParts(directory, id)

  const tus = new Server({
    path: '/uploads',
    datastore,
    // MAX_CONTENT_LENGTH caps a whole upload (0: no cap); routes check it first with a JSON 413.
    maxSize: config.maxContentLength || undefined,
    namingFunction: (req) => callOf(req as never).id,
    // The id the route checked, never one tus would read from the URL (`/uploads/mine?x=/theirs`).
    getFileIdFromRequest: (req) => callOf(req as never).id,
    generateUrl: (req, { id }) => `${callOf(req as never).prefix}/uploads/${id}`,
    allowedOrigins: (origin) => config.corsOrigins.includes(origin),
    allowedCredentials: config.corsOrigins.length > 0,
    // Every byte is in: processing before the 204, so a client reading the record next sees it.
    onUploadFinish: async (req, upload) => {
      const { ctx, id } = callOf(req as never)
      if (await startProcessing(pool, id, upload.size ?? upload.offset)) {
        const row = (await findUpload(pool, id))!
        const job: Promise<void> = completeUpload(ctx, row, { path: join(directory, id), discard: () => discard(id) }, log)
          .finally(() => running.delete(job))
        running.add(job)
      }
      return {}
    },
  })
  // Throttled by tus (one a second per PATCH): the record follows long single-request uploads.
  tus.on(EVENTS.POST_RECEIVE, (_req, upload) => {
    recordOffset(pool, upload.id, upload.offset).catch(log)
  })

  return { tus, datastore, calls }
}
