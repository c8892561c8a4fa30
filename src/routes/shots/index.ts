// routes.md §3: the shots blueprint's shot, scene and quota routes (beside the generic /data
// CRUD), one sub-plugin per part. Sequences and episodes have their own plugin.
import type { FastifyInstance } from 'fastify'
import shots from './shots.ts'
import scenes from './scenes.ts'
import project from './project.ts'

export default async function shotsRoutes(app: FastifyInstance) {
  await app.register(shots)
  await app.register(scenes)
  await app.register(project)
}
