// E-mail fan-out of assignation notifications (Zou's create_assignation_notification): when
// a `notification:new` for an assignation reaches the bus, the assignee gets a mail if they
// enabled e-mail notifications. Runs after commit as a bus listener; never fails a request.
import type { FastifyInstance } from 'fastify'

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function listenAssignationMails(app: FastifyInstance): void {
  app.events.on(async (event) => {
    if (event.name !== 'notification:new') return
    const id = event.data.notification_id
    if (typeof id !== 'string') return
    const { rows } = await app.pool.query(
      `SELECT p.email, p.notifications_enabled, a.first_name || ' ' || a.last_name AS author,
              pr.name AS project, pr.id AS project_id, e.name AS entity, et.name AS entity_type, tt.name AS task_type, t.id AS task_id
         FROM notification n
         JOIN person p ON p.id = n.person_id JOIN person a ON a.id = n.author_id
         JOIN task t ON t.id = n.task_id JOIN project pr ON pr.id = t.project_id
         JOIN entity e ON e.id = t.entity_id JOIN entity_type et ON et.id = e.entity_type_id
         JOIN task_type tt ON tt.id = t.task_type_id
        WHERE n.id = $1 AND n.type = 'assignation'`,
      [id],
    )
    const n = rows[0]
    if (!n || !n.notifications_enabled || !n.email) return
    const section = ['Shot', 'Sequence', 'Episode', 'Edit', 'Concept', 'Scene'].includes(n.entity_type) ? `${n.entity_type.toLowerCase()}s` : 'assets'
    const url = `${app.config.domainProtocol}://${app.config.domainName}/productions/${n.project_id}/${section}/tasks/${n.task_id}`
    const what = `${n.project} / ${n.entity} / ${n.task_type}`
    await app.mailer.send({
      to: n.email,
      subject: `[Kitsu] You were assigned to ${what}`,
      text: `${n.author} assigned you to ${what}.\n\n${url}\n`,
      html: `<p>${escape(n.author)} assigned you to <a href="${escape(url)}">${escape(what)}</a>.</p>`,
    })
  })
}
