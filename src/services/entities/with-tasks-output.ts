// The three answers of the with-tasks lists (routes.md §2/§3): a plain JSON array of row
// objects; `compact=true`, one object holding the field lists and rows as arrays; and
// `stream=true`, NDJSON with a header line then one row per line (objects, or arrays when
// compact). Rows are serialized with JSON.stringify here: they are plain data built by one
// query, and the bodies are large, so a second pass through a response schema would only
// cost time.
import { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import type { Row } from '../../lib/serialize.ts'

export interface WithTasksLayout {
  /** The header key of the row field list, e.g. `asset_fields`, `shot_fields`. */
  fieldsKey: string
  /** Row fields in Zou's order; the `tasks` field holds the row's tasks. */
  fields: readonly string[]
  taskFields: readonly string[]
}

export interface WithTasksFlags {
  compact: boolean
  stream: boolean
}

const isTrue = (v: unknown) => typeof v === 'string' && v.toLowerCase() === 'true'

export function withTasksFlags(query: Record<string, unknown>): WithTasksFlags {
  return { compact: isTrue(query.compact), stream: isTrue(query.stream) }
}

function compactRow(row: Row, layout: WithTasksLayout): unknown[] {
  return layout.fields.map((f) =>
    f === 'tasks' ? ((row.tasks as Row[] | undefined) ?? []).map((t) => layout.taskFields.map((k) => t[k] ?? null)) : (row[f] ?? null),
  )
}

/** Sends the rows in the form the flags ask for. Returns the reply (handlers return it). */
export function sendWithTasks(reply: FastifyReply, rows: Row[], layout: WithTasksLayout, flags: WithTasksFlags): FastifyReply {
  if (flags.stream) {
    const header: Row = { compact: flags.compact }
    if (flags.compact) {
      header[layout.fieldsKey] = layout.fields
      header.task_fields = layout.taskFields
    }
    const lines = (function* () {
      yield JSON.stringify(header) + '\n'
      for (const row of rows) yield JSON.stringify(flags.compact ? compactRow(row, layout) : row) + '\n'
    })()
    return reply.type('application/x-ndjson').send(Readable.from(lines))
  }
  reply.type('application/json; charset=utf-8')
  if (flags.compact) {
    return reply.send(JSON.stringify({
      compact: true,
      [layout.fieldsKey]: layout.fields,
      task_fields: layout.taskFields,
      rows: rows.map((r) => compactRow(r, layout)),
    }))
  }
  return reply.send(JSON.stringify(rows))
}
