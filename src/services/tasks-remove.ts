// Removing tasks with everything that hangs off them (Zou's remove_task with force): files,
// comments and their links, previews, notifications, news, subscriptions, time spent and
// assignments. Set-based: the same dozen statements for one task or ten thousand.
/** Runs one statement: a pg client's query, or a Prisma transaction's $executeRawUnsafe. */
export type Exec = (text: string, values: unknown[]) => Promise<unknown>

/** Statements run in order, each with $1 = the task ids (uuid[]). */
const STEPS = [
  `DELETE FROM output_file WHERE source_file_id IN (SELECT id FROM working_file WHERE task_id = ANY($1::uuid[]))`,
  `DELETE FROM working_file WHERE task_id = ANY($1::uuid[])`,
  `DELETE FROM notification WHERE task_id = ANY($1::uuid[])
     OR comment_id IN (SELECT id FROM comment WHERE object_id = ANY($1::uuid[]))`,
  `DELETE FROM comment_preview_link WHERE comment IN (SELECT id FROM comment WHERE object_id = ANY($1::uuid[]))
     OR preview_file IN (SELECT id FROM preview_file WHERE task_id = ANY($1::uuid[]))`,
  `DELETE FROM comment_mentions WHERE comment IN (SELECT id FROM comment WHERE object_id = ANY($1::uuid[]))`,
  `DELETE FROM comment_department_mentions WHERE comment IN (SELECT id FROM comment WHERE object_id = ANY($1::uuid[]))`,
  `DELETE FROM comment_acknoledgments WHERE comment IN (SELECT id FROM comment WHERE object_id = ANY($1::uuid[]))`,
  `DELETE FROM attachment_file WHERE comment_id IN (SELECT id FROM comment WHERE object_id = ANY($1::uuid[]))`,
  `DELETE FROM news WHERE task_id = ANY($1::uuid[])
     OR comment_id IN (SELECT id FROM comment WHERE object_id = ANY($1::uuid[]))
     OR preview_file_id IN (SELECT id FROM preview_file WHERE task_id = ANY($1::uuid[]))`,
  `UPDATE entity SET preview_file_id = NULL WHERE preview_file_id IN (SELECT id FROM preview_file WHERE task_id = ANY($1::uuid[]))`,
  `UPDATE comment SET preview_file_id = NULL WHERE preview_file_id IN (SELECT id FROM preview_file WHERE task_id = ANY($1::uuid[]))`,
  `DELETE FROM comment WHERE object_id = ANY($1::uuid[])`,
  `DELETE FROM preview_file WHERE task_id = ANY($1::uuid[])`,
  `DELETE FROM subscription WHERE task_id = ANY($1::uuid[])`,
  `DELETE FROM time_spent WHERE task_id = ANY($1::uuid[])`,
  `DELETE FROM task_person_link WHERE task_id = ANY($1::uuid[])`,
]

/** Everything attached to these tasks, but not the task rows themselves. */
export async function removeTaskDependents(exec: Exec, taskIds: string[]): Promise<void> {
  if (!taskIds.length) return
  for (const text of STEPS) await exec(text, [taskIds])
}

/** The tasks and everything attached to them. Runs inside the caller's transaction. */
export async function removeTasks(exec: Exec, taskIds: string[]): Promise<void> {
  if (!taskIds.length) return
  await removeTaskDependents(exec, taskIds)
  await exec('DELETE FROM task WHERE id = ANY($1::uuid[])', [taskIds])
}
