// The fan-out of a new comment or reply (routes.md §5): notification rows for the task's
// audience (assignees, task subscribers, sequence subscribers, plus extra persons for
// replies) and for the persons mentioned, each with an unpersisted notification:new event
// and, per the recipient's flag, an e-mail sent after commit; and the news row of a comment.
// Each kind is one INSERT … SELECT whatever the number of recipients.
import type { Config } from '../config.ts'
import type { TaskContext } from './comments-context.ts'
import { notificationMail, type MailAuthor, type NotificationKind } from './comments-mail.ts'
import type { Query } from './comments-task-state.ts'
import type { WriteScope } from './write-scope.ts'

export interface FanoutSource {
  task: TaskContext
  author: MailAuthor & { id: string }
  comment: { id: string; text: string }
  /** Status short name shown in comment mails. */
  statusShortName: string | null
}

interface Recipients {
  kind: NotificationKind
  /** The task's audience: assignees and subscribers. */
  audience: boolean
  /** Further persons (mentioned persons, reply authors, the comment author). */
  persons: string[]
  change?: boolean
  replyId?: string | null
  createdAt?: Date | null
}

const NOTIFY_SQL = `
  WITH recipients AS (
    SELECT l.person_id FROM task_person_link l WHERE $7 AND l.task_id = $1
    UNION SELECT s.person_id FROM subscription s WHERE $7 AND s.task_id = $1
    UNION SELECT s.person_id FROM subscription s WHERE $7 AND s.entity_id = $8::uuid AND s.task_type_id = $9::uuid
    UNION SELECT p.id FROM person p WHERE p.id = ANY($10::uuid[])
  ), ins AS (
    INSERT INTO notification (person_id, author_id, comment_id, task_id, reply_id, type, change, read, created_at, updated_at)
    SELECT r.person_id, $2, $3, $1, $4, $5, $6, false, COALESCE($11, now()), COALESCE($11, now())
    FROM recipients r WHERE r.person_id <> $2
    RETURNING id, person_id
  )
  SELECT ins.id::text, ins.person_id::text, p.email, COALESCE(p.notifications_enabled, false) AS mail_enabled,
         (SELECT o.name FROM organisation o ORDER BY o.created_at LIMIT 1) AS organisation
  FROM ins JOIN person p ON p.id = ins.person_id`

export async function notify(w: WriteScope, q: Query, config: Config, src: FanoutSource, r: Recipients): Promise<void> {
  if (!r.audience && !r.persons.length) return
  const { task } = src
  const rows = await q(NOTIFY_SQL, [
    task.id, src.author.id, src.comment.id, r.replyId ?? null, r.kind, r.change ?? false,
    r.audience, task.entity_parent_id, task.task_type_id, r.persons, r.createdAt ?? null,
  ])
  for (const row of rows) {
    w.events.push({ name: 'notification:new', data: { notification_id: row.id, person_id: row.person_id }, projectId: task.project_id, persist: false })
    if (row.mail_enabled && row.email) {
      w.mails.push(notificationMail(config, {
        kind: r.kind,
        to: row.email as string,
        author: src.author,
        task,
        statusShortName: src.statusShortName,
        text: src.comment.text,
        organisation: (row.organisation as string | null) ?? 'Kitsu',
      }))
    }
  }
}

/** The news row of a comment (none for concept tasks) and its news:new event. */
export async function createNews(w: WriteScope, q: Query, task: TaskContext, comment: { id: string; person_id: string; task_status_id: string | null; created_at: Date; preview_file_id?: string | null }, change: boolean) {
  if (task.entity_type_name === 'Concept') return
  const [news] = await q(
    `INSERT INTO news (change, author_id, comment_id, task_id, preview_file_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id::text`,
    [change, comment.person_id, comment.id, task.id, comment.preview_file_id ?? null, comment.created_at],
  )
  w.events.push({ name: 'news:new', data: { news_id: news.id, task_status_id: comment.task_status_id, task_type_id: task.task_type_id }, projectId: task.project_id })
}
