// Creating a comment with everything it implies (routes.md §5, issue 7): the comment, its
// mentions and attachments, hashtag copies on the entity's other tasks, the task's status and
// dates, notifications (+ mails), news, and the project's status automations, which post
// further comments the same way. Everything runs in the caller's write scope, i.e. one
// transaction: it all commits together or not at all, and events leave after COMMIT.
import type { Config } from '../config.ts'
import type { Upload } from '../lib/multipart.ts'
import { invalid, wrongParameter } from '../lib/errors.ts'
import { modelRowSerializer, type Row } from '../lib/serialize.ts'
import { serializePerson, fullName } from './persons.ts'
import { loadStatuses, loadTaskContexts, type StatusRow, type TaskContext } from './comments-context.ts'
import { findMentions, linkMentions } from './comments-mentions.ts'
import { storeAttachments } from './comments-attachments.ts'
import { createNews, notify } from './comments-notify.ts'
import { applyNewestComment, recomputeTaskFromComments, type Query } from './comments-task-state.ts'
import { runStatusAutomations } from './comments-automations.ts'
import type { WriteScope } from './write-scope.ts'

export interface NewComment {
  task: TaskContext
  status: StatusRow
  /** The author's person row. */
  author: Row
  text: string
  checklist: unknown
  links: string[]
  forClient: boolean
  createdAt: Date | null
  files: Upload[]
  /** A comment asked for by the caller: copied onto the tasks named by `#hashtags`, retakes
   * capped (copies and automated comments are neither). */
  hashtags: boolean
}

/** One posting and the comments it triggers: shared state of the recursion. */
export interface PostRun {
  w: WriteScope
  q: Query
  config: Config
  /** `<task>:<status>` pairs already posted by automations: a cycle of automations stops. */
  visited: Set<string>
}

const serializeComment = modelRowSerializer('Comment')
const serializeStatus = modelRowSerializer('TaskStatus')

/** Zou's retake cap: a retake status is refused once the task has used its retakes. */
export function retakesExhausted(task: TaskContext, status: StatusRow): boolean {
  if (!status.is_retake) return false
  const projectMax = task.max_retakes ?? 0
  if (projectMax <= 0) return false
  const entityMax = Number.parseInt(String(task.entity_data?.max_retakes ?? ''), 10)
  const limit = Number.isFinite(entityMax) && entityMax > 0 ? entityMax : projectMax
  return (task.retake_count ?? 0) >= limit
}

const HASHTAG = /#([A-Za-z]+)/g

async function copyToHashtaggedTasks(run: PostRun, input: NewComment): Promise<void> {
  const tags = [...new Set([...input.text.matchAll(HASHTAG)].map((m) => m[1].toLowerCase()))]
  if (!tags.length) return
  const { task } = input
  const targets = await run.q(
    `SELECT t.id::text FROM task t JOIN task_type tt ON tt.id = t.task_type_id
     WHERE t.entity_id = $1 AND t.id <> $2 AND ('all' = ANY($3::text[]) OR lower(tt.name) = ANY($3::text[]))
     ORDER BY t.created_at, t.id`,
    [task.entity_id, task.id, tags],
  )
  if (!targets.length) return
  const contexts = await loadTaskContexts(run.q, targets.map((t) => t.id as string))
  const statuses = await loadStatuses(run.q, [...contexts.values()].map((c) => c.task_status_id).filter((s): s is string => !!s))
  const text = `${input.text}\n\n____\nFrom ${task.task_type_name} task`
  for (const target of contexts.values()) {
    const status = target.task_status_id ? statuses.get(target.task_status_id) : undefined
    if (!status) continue
    await createComment(run, { ...input, task: target, status, text, files: [], hashtags: false, checklist: [] })
  }
}

/**
 * Posts the comment and its consequences; returns the comment as the comment routes answer it
 * (with relations, `task_status` and `person`).
 */
export async function createComment(run: PostRun, input: NewComment): Promise<Row> {
  const { w, q } = run
  const { task, status, author } = input
  // Hashtag copies keep their task's status: no new retake, nothing to cap.
  if (input.hashtags && retakesExhausted(task, status)) throw wrongParameter('No more retakes allowed on this task')
  const [comment] = await q(
    `INSERT INTO comment (object_id, object_type, task_status_id, person_id, text, checklist, links, for_client, replies, created_at, updated_at)
     VALUES ($1, 'Task', $2, $3, $4, $5::jsonb, $6::varchar[], $7, '[]', COALESCE($8, now()), now())
     RETURNING *`,
    [task.id, status.id, author.id, input.text, JSON.stringify(input.checklist ?? []), input.links, input.forClient, input.createdAt],
  )
  const commentId = comment.id as string
  const mentions = await findMentions(q, task.project_id, input.text)
  await linkMentions(q, commentId, mentions)
  const attachments = await storeAttachments(w, q, { comment_id: commentId }, input.files)
  w.events.push({ name: 'comment:new', data: { comment_id: commentId, task_id: task.id, task_status_id: status.id }, projectId: task.project_id })

  if (input.hashtags) await copyToHashtaggedTasks(run, input)

  // The newest comment moves the task; a back-dated one makes it recompute from its comments.
  const [{ newer }] = await q(
    'SELECT EXISTS (SELECT 1 FROM comment WHERE object_id = $1 AND id <> $2 AND created_at > $3) AS newer',
    [task.id, commentId, comment.created_at],
  )
  let changed = false
  let currentStatus = status
  if (!newer) {
    const applied = await applyNewestComment(q, task, status, { id: commentId, created_at: comment.created_at as Date, person_id: author.id as string })
    changed = applied.changed
    w.events.push(...applied.events)
  } else {
    const state = await recomputeTaskFromComments(q, task.id)
    w.events.push({ name: 'task:update', data: { task_id: task.id }, projectId: task.project_id })
    if (state?.current && state.current !== status.id) currentStatus = (await loadStatuses(q, [state.current])).get(state.current) ?? status
  }

  const source = {
    task,
    author: { id: author.id as string, first_name: author.first_name as string | null, full_name: fullName(author) },
    comment: { id: commentId, text: input.text },
    statusShortName: currentStatus.short_name,
  }
  await notify(w, q, run.config, source, { kind: 'comment', audience: true, persons: [], change: changed })
  await notify(w, q, run.config, source, { kind: 'mention', audience: false, persons: mentions.recipients })
  await createNews(w, q, task, { id: commentId, person_id: author.id as string, task_status_id: status.id, created_at: comment.created_at as Date }, changed)

  await runStatusAutomations(run, { ...task, task_status_id: currentStatus.id }, author)

  const out = serializeComment(comment)
  out.mentions = mentions.persons
  out.department_mentions = mentions.departments
  out.acknowledgements = []
  out.previews = []
  out.attachment_files = attachments
  out.task_status = serializeStatus(status)
  out.person = serializePerson(author)
  return out
}

/** Zou's comment date input: `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS`, else "now" (null). */
export function parseCommentDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim())
  if (!m) return null
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`)
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` ? null : date
}

/** A JSON array given as such or as a JSON string (form bodies); anything else is refused. */
export function jsonArray(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null || value === '') return []
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch {
      throw invalid(`Wrong value for parameter ${field}.`)
    }
  }
  if (!Array.isArray(parsed)) throw invalid(`Wrong value for parameter ${field}.`)
  return parsed
}
