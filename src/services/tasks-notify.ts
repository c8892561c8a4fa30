// E-mail fan-out of assignation notifications (Zou's create_assignation_notification): each
// assignee who enabled e-mail notifications gets a mail, after commit. One query for all the
// notifications of a request; a failed mail never fails the request.
import type { Ctx } from '../crud/context.ts'

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export async function mailAssignations(ctx: Ctx, notificationIds: string[]): Promise<void> {
  if (!notificationIds.length) return
  const { rows } = await ctx.pool.query(
    `SELECT p.email, p.notifications_enabled, a.first_name || ' ' || a.last_name AS author,
            pr.name AS project, pr.id AS project_id, e.name AS entity, et.name AS entity_type, tt.name AS task_type, t.id AS task_id
       FROM notification n
       JOIN person p ON p.id = n.person_id JOIN person a ON a.id = n.author_id
       JOIN task t ON t.id = n.task_id JOIN project pr ON pr.id = t.project_id
       JOIN entity e ON e.id = t.entity_id JOIN entity_type et ON et.id = e.entity_type_id
       JOIN task_type tt ON tt.id = t.task_type_id
      WHERE n.id = ANY($1::uuid[]) AND n.type = 'assignation'`,
    [notificationIds],
  )
  for (const n of rows) {
    if (!n.notifications_enabled || !n.email) continue
    const section = ['Shot', 'Sequence', 'Episode', 'Edit', 'Concept', 'Scene'].includes(n.entity_type) ? `${n.entity_type.toLowerCase()}s` : 'assets'
    const url = `${ctx.config.domainProtocol}://${ctx.config.domainName}/productions/${n.project_id}/${section}/tasks/${n.task_id}`
    const what = `${n.project} / ${n.entity} / ${n.task_type}`
    await ctx.mailer.send({
      to: n.email,
      subject: `[Kitsu] You were assigned to ${what}`,
      text: `${n.author} assigned you to ${what}.\n\n${url}\n`,
      html: `<p>${escape(n.author)} assigned you to <a href="${escape(url)}">${escape(what)}</a>.</p>`,
    })
  }
}
