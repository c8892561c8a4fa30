// Form bodies as Zou reads them (`request.values` + `request.files`): multipart/form-data and
// url-encoded forms become a plain object of their text fields, so the route's body schema
// validates them like a JSON body; uploaded files are kept aside, read with uploadsOf(req).
// Bodies are buffered (the app's bodyLimit caps them), which suits comment and chat
// attachments; no extra dependency is needed for this.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { malformedRequest } from './errors.ts'

export interface Upload {
  /** The form field the file came under (Zou accepts any). */
  field: string
  /** The client's file name. */
  filename: string
  mimetype: string
  data: Buffer
}

const uploads = new WeakMap<FastifyRequest, Upload[]>()

/** The files sent with the request (empty for JSON bodies). */
export function uploadsOf(req: FastifyRequest): Upload[] {
  return uploads.get(req) ?? []
}


function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const boundary = (m?.[1] ?? m?.[2] ?? '').trim()
  if (!boundary) throw malformedRequest()
  return boundary
}

/** A Content-Disposition parameter (quoted, bare, or RFC 5987 `name*=UTF-8''…`). */
function dispositionParam(header: string, name: string): string | null {
  const extended = new RegExp(`;\\s*${name}\\*=([^']*)'[^']*'([^;]*)`, 'i').exec(header)
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim())
    } catch {
      return extended[2].trim()
    }
  }
  const m = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header)
  if (!m) return null
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim()
}

/** Splits a buffered multipart body into its text fields (first value wins) and files. */
export function parseMultipart(body: Buffer, contentType: string): { fields: Record<string, string>; files: Upload[] } {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`)
  const fields: Record<string, string> = {}
  const files: Upload[] = []
  let start = body.indexOf(delimiter)
  if (start < 0) throw malformedRequest()
  for (;;) {
    const afterDelimiter = start + delimiter.length
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break
    const headerStart = body.indexOf('\r\n', afterDelimiter) + 2
    const headerEnd = body.indexOf('\r\n\r\n', headerStart)
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd)
    if (headerStart < 2 || headerEnd < 0 || next < 0) throw malformedRequest()
    const headers = body.subarray(headerStart, headerEnd).toString('utf8').split('\r\n')
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? ''
    const type = headers.find((h) => /^content-type:/i.test(h))
    const name = dispositionParam(disposition, 'name') ?? ''
    const filename = dispositionParam(disposition, 'filename')
    const data = body.subarray(headerEnd + 4, next)
    if (filename !== null) {
      // Browsers send an empty part for an empty file input: nothing was chosen.
      if (filename !== '') {
        files.push({ field: name, filename, mimetype: type ? type.slice(type.indexOf(':') + 1).trim() : 'application/octet-stream', data: Buffer.from(data) })
      }
    } else if (!(name in fields)) {
      fields[name] = data.toString('utf8')
    }
    start = next + 2
  }
  return { fields, files }
}

/** Registers the form parsers in the calling (encapsulated) route plugin. */
export function acceptForms(app: FastifyInstance): void {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      const { fields, files } = parseMultipart(body as Buffer, String(req.headers['content-type'] ?? ''))
      uploads.set(req, files)
      done(null, fields)
    } catch (err) {
      done(err as Error, undefined)
    }
  })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const fields: Record<string, string> = {}
    for (const [k, v] of new URLSearchParams(body as string)) if (!(k in fields)) fields[k] = v
    done(null, fields)
  })
}

/**
 * preValidation hook, Zou's `request.values`: without a body the query string is validated;
 * a form body is its fields over the query string's.
 */
export async function formValues(req: FastifyRequest): Promise<void> {
  const query = (req.query ?? {}) as Record<string, unknown>
  const type = String(req.headers['content-type'] ?? '')
  if (req.body == null) req.body = { ...query }
  else if (/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) req.body = { ...query, ...(req.body as object) }
}
