// The caller's notifications: the filtered listing, one of them, the read flag, mark-all-read.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import * as notifications from '../../services/user-notifications.ts'
import {
  NotificationParams, NotificationRow, NotificationsQuery, NotificationUpdateBody, type Params,
} from './schemas.ts'

const tags = ['user']

export default async function notificationRoutes(app: FastifyInstance) {
  app.get<{ Querystring: NotificationsQuery }>('/data/user/notifications', {
    schema: { tags, querystring: NotificationsQuery, response: { 200: { type: 'array', items: NotificationRow } } },
    config: { access: 'person' },
  }, (req) => notifications.listNotifications(createCtx(app, req), req.query))

  app.get<{ Params: Params<'notification_id'> }>('/data/user/notifications/:notification_id', {
    schema: { tags, params: NotificationParams, response: { 200: NotificationRow } },
    config: { access: 'person' },
  }, (req) => notifications.getNotification(createCtx(app, req), req.params.notification_id))

  app.put<{ Params: Params<'notification_id'>; Body: NotificationUpdateBody }>('/data/user/notifications/:notification_id', {
    schema: { tags, params: NotificationParams, body: NotificationUpdateBody, response: { 200: { $ref: 'Notification#' } } },
    config: { access: 'person' },
  }, (req) => notifications.setNotificationRead(createCtx(app, req), req.params.notification_id, req.body.read))

  app.post('/actions/user/notifications/mark-all-as-read', {
    schema: { tags, response: { 200: { type: 'object', properties: { success: { type: 'boolean' } } } } },
    config: { access: 'person' },
  }, async (req) => {
    await notifications.markAllRead(createCtx(app, req))
    return { success: true }
  })
}
