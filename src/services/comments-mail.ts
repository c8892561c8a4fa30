// Notification e-mails of comments, mentions and replies, worded as Zou's emails_service:
// the subject names the task as "<project> / <entity full name> / <task type>" and the body
// links to it in Kitsu. Texts are escaped (Zou pastes them raw into the HTML).
import type { Config } from '../config.ts'
import type { Mail } from './mailer.ts'

export interface MailTask {
  id: string
  project_id: string
  project_name: string
  full_entity_name: string
  task_type_name: string
  for_entity: string | null
  production_type: string | null
  episode_id: string | null
}

export interface MailAuthor {
  first_name: string | null
  full_name: string
}

export type NotificationKind = 'comment' | 'mention' | 'reply' | 'reply-mention'

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function taskDescriptor(config: Config, task: MailTask): { name: string; url: string } {
  const episode = task.production_type === 'tvshow' ? `/episodes/${task.episode_id ?? 'main'}` : ''
  const kind = task.for_entity === 'Shot' ? 'shots' : 'assets'
  return {
    name: `${task.project_name} / ${task.full_entity_name} / ${task.task_type_name}`,
    url: `${config.domainProtocol}://${config.domainName}/productions/${task.project_id}${episode}/${kind}/tasks/${task.id}`,
  }
}

export interface MailInput {
  kind: NotificationKind
  to: string
  author: MailAuthor
  task: MailTask
  /** The status the task has after the comment (comment mails). */
  statusShortName: string | null
  text: string
  organisation: string
}

export function notificationMail(config: Config, m: MailInput): Mail {
  const { name, url } = taskDescriptor(config, m.task)
  const who = escapeHtml(m.author.full_name)
  const link = `<a href="${escapeHtml(url)}">${escapeHtml(name)}</a>`
  const quote = `<p><em>${escapeHtml(m.text)}</em></p>`
  let subject: string
  let html: string
  let text: string
  if (m.kind === 'comment') {
    const status = m.statusShortName ?? ''
    subject = `[Kitsu] ${status} - ${m.author.first_name ?? ''} commented on ${name}`
    if (m.text.length > 0) {
      html = `<p><strong>${who}</strong> wrote a comment on ${link} and set the status to <strong>${escapeHtml(status)}</strong>.</p>\n\n${quote}\n`
      text = `${m.author.full_name} wrote a comment on ${name} and set the status to ${status}.\n\n${m.text}\n\n${url}\n`
    } else {
      html = `<p><strong>${who}</strong> changed status of ${link} to <strong>${escapeHtml(status)}</strong>.</p>\n`
      text = `${m.author.full_name} changed status of ${name} to ${status}.\n\n${url}\n`
    }
  } else if (m.kind === 'reply') {
    subject = `[Kitsu] ${m.author.first_name ?? ''} replied on ${name}`
    html = `<p><strong>${who}</strong> replied to a comment on ${link}:</p>\n\n${quote}\n`
    text = `${m.author.full_name} replied to a comment on ${name}:\n\n${m.text}\n\n${url}\n`
  } else {
    subject = `[Kitsu] ${m.author.first_name ?? ''} mentioned you on ${name}`
    html = `<p><strong>${who}</strong> mentioned you in a comment on ${link}:</p>\n\n${quote}\n`
    text = `${m.author.full_name} mentioned you in a comment on ${name}:\n\n${m.text}\n\n${url}\n`
  }
  const org = escapeHtml(m.organisation)
  return {
    to: m.to,
    subject,
    html: `${html}\n<p>Best,</p>\n\n<p>${org} Team</p>`,
    text: `${text}\nBest,\n${m.organisation} Team\n`,
  }
}
