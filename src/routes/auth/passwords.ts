// POST /auth/change-password, POST|PUT /auth/reset-password (auth.md §6.5–6.7).
import type { FastifyInstance } from 'fastify'
import { changePassword, completeReset, requestReset } from '../../auth/password-reset.ts'
import { formFallback } from './form-fallback.ts'
import { limitedPublic } from '../../plugins/rate-limit.ts'
import { ChangePasswordBody, ResetBody, ResetRequestBody, Success } from './schemas.ts'
import { Type } from '@sinclair/typebox'

export default async function passwordRoutes(app: FastifyInstance) {
  app.post<{ Body: ChangePasswordBody }>('/auth/change-password', {
    schema: { tags: ['auth'], body: ChangePasswordBody, response: { 200: Success } },
    config: { access: 'person' },
    preValidation: formFallback,
  }, async (req) => {
    await changePassword(app, req.actor!.id, req.body)
    return { success: true }
  })

  app.post<{ Body: ResetRequestBody }>('/auth/reset-password', {
    schema: { tags: ['auth'], body: ResetRequestBody, response: { 200: Type.Object({ success: Type.String() }) } },
    config: limitedPublic(app),
    preValidation: formFallback,
  }, async (req) => {
    await requestReset(app, req.body.email)
    return { success: 'Reset token sent' }
  })

  app.put<{ Body: ResetBody }>('/auth/reset-password', {
    schema: { tags: ['auth'], body: ResetBody, response: { 200: Success } },
    config: limitedPublic(app),
    preValidation: formFallback,
  }, async (req) => {
    await completeReset(app, req.body)
    return { success: true }
  })
}
