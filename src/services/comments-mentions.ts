// Mentions in a comment or reply text (routes.md §5): `@<full name>` of a project team member
// and `@<department name>`, each followed by a space or the end of the text. Department
// mentions notify the department's members on the project team. One query, and only when
// the text has an `@` at all.
import type { Query } from './comments-task-state.ts'

export interface Mentions {
  persons: string[]
  departments: string[]
  /** Everyone to notify: persons mentioned and team members of the departments mentioned. */
  recipients: string[]
}

export const NO_MENTIONS: Mentions = { persons: [], departments: [], recipients: [] }

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const mentioned = (text: string, name: string) => !!name && new RegExp(`@${escapeRegExp(name)}( |$)`).test(text)

export async function findMentions(q: Query, projectId: string, text: string): Promise<Mentions> {
  if (!text.includes('@')) return NO_MENTIONS
  const [row] = await q(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object('id', p.id, 'first_name', p.first_name, 'last_name', p.last_name,
          'departments', ARRAY(SELECT dl.department_id FROM department_link dl WHERE dl.person_id = p.id))), '[]')
        FROM project_person_link l JOIN person p ON p.id = l.person_id WHERE l.project_id = $1) AS team,
       (SELECT coalesce(json_agg(json_build_object('id', d.id, 'name', d.name)), '[]') FROM department d) AS departments`,
    [projectId],
  )
  const team = row.team as Array<{ id: string; first_name: string | null; last_name: string | null; departments: string[] }>
  const departments = (row.departments as Array<{ id: string; name: string }>).filter((d) => mentioned(text, d.name)).map((d) => d.id)
  const persons = team.filter((p) => mentioned(text, [p.first_name, p.last_name].filter(Boolean).join(' '))).map((p) => p.id)
  const recipients = new Set(persons)
  for (const p of team) if (p.departments.some((d) => departments.includes(d))) recipients.add(p.id)
  return { persons, departments, recipients: [...recipients] }
}

/** Writes the comment's mention links (persons and departments). */
export async function linkMentions(q: Query, commentId: string, m: Mentions): Promise<void> {
  if (!m.persons.length && !m.departments.length) return
  await q(
    `WITH p AS (INSERT INTO comment_mentions (comment, person) SELECT $1, unnest($2::uuid[]))
     INSERT INTO comment_department_mentions (comment, department) SELECT $1, unnest($3::uuid[])`,
    [commentId, m.persons, m.departments],
  )
}
