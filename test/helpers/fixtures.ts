// Fixture builders on the real database and role log-ins through the real /auth/login.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { hashPassword } from '../../src/auth/password.ts'
import type { Role } from '../../src/plugins/auth.ts'

export const PASSWORD = 'correct-horse-battery'

export interface TestPerson {
  id: string
  email: string
  role: Role
  token: string
  headers: { authorization: string }
}

let passwordHash: Uint8Array<ArrayBuffer> | null = null

export async function createPerson(app: FastifyInstance, role: Role = 'user', extra: Record<string, unknown> = {}) {
  passwordHash ??= await hashPassword(PASSWORD, 4)
  const email = `${role}-${randomUUID().slice(0, 8)}@example.com`
  return app.db.person.create({
    data: { first_name: role, last_name: 'Tester', email, role, password: passwordHash, ...extra },
  })
}

export async function logIn(app: FastifyInstance, email: string, password = PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.statusCode} ${res.body}`)
  return res.json() as { access_token: string; refresh_token: string; user: Record<string, unknown> }
}

/** A person of the given role, logged in. */
export async function as(app: FastifyInstance, role: Role = 'user', extra: Record<string, unknown> = {}): Promise<TestPerson> {
  const person = await createPerson(app, role, extra)
  const { access_token } = await logIn(app, person.email!)
  return { id: person.id, email: person.email!, role, token: access_token, headers: { authorization: `Bearer ${access_token}` } }
}

/** A small production: open project with the given team, an asset type, task type and status. */
export async function makeProduction(app: FastifyInstance, team: Array<{ id: string; role?: Role | null }> = []) {
  const db = app.db
  const open = (await db.projectStatus.findFirst({ where: { name: 'Open' } })) ?? (await db.projectStatus.create({ data: { name: 'Open', color: '#000000' } }))
  const project = await db.project.create({ data: { name: `Project ${randomUUID().slice(0, 8)}`, project_status_id: open.id } })
  for (const member of team) {
    await db.projectPersonLink.create({ data: { project_id: project.id, person_id: member.id, role: member.role ?? null } })
  }
  const assetType = await db.entityType.create({ data: { name: `Character ${randomUUID().slice(0, 6)}` } })
  const taskType = await db.taskType.create({ data: { name: `Modeling ${randomUUID().slice(0, 6)}`, for_entity: 'Asset' } })
  const status = (await db.taskStatus.findFirst({ where: { short_name: 'todo' } }))
    ?? (await db.taskStatus.create({ data: { name: 'Todo', short_name: 'todo', color: '#f5f5f5', is_default: true } }))
  const asset = await db.entity.create({ data: { name: 'Hero', project_id: project.id, entity_type_id: assetType.id } })
  const task = await db.task.create({
    data: { name: 'main', project_id: project.id, entity_id: asset.id, task_type_id: taskType.id, task_status_id: status.id },
  })
  return { project, open, assetType, taskType, status, asset, task }
}
