// Rows the files tests share: a production with the `simple` tree, a sequence and shot, an
// asset instance of the production's asset, an output type, and multipart bodies.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { makeProduction } from '../../helpers/fixtures.ts'
import { bundledTree } from '../../../src/services/files/trees.ts'

type Production = Awaited<ReturnType<typeof makeProduction>>

export async function entityType(app: FastifyInstance, name: string) {
  return (await app.db.entityType.findFirst({ where: { name } })) ?? app.db.entityType.create({ data: { name } })
}

export async function setTree(app: FastifyInstance, projectId: string, tree: unknown = bundledTree('simple')) {
  await app.db.project.update({ where: { id: projectId }, data: { file_tree: tree as object } })
}

/** The production's extras: tree, S01/P01, an instance of its asset in P01, an output type. */
export async function filesFixture(app: FastifyInstance, prod: Production) {
  await setTree(app, prod.project.id)
  const sequenceType = await entityType(app, 'Sequence')
  const shotType = await entityType(app, 'Shot')
  const sequence = await app.db.entity.create({ data: { name: 'S01', project_id: prod.project.id, entity_type_id: sequenceType.id } })
  const shot = await app.db.entity.create({ data: { name: 'P01', project_id: prod.project.id, entity_type_id: shotType.id, parent_id: sequence.id } })
  const instance = await app.db.assetInstance.create({ data: { asset_id: prod.asset.id, name: 'Hero_0001', number: 1 } })
  const outputType = await app.db.outputType.create({ data: { name: `Cache ${randomUUID().slice(0, 6)}`, short_name: 'cch' } })
  return { sequence, shot, instance, outputType }
}

/** A multipart/form-data body with one file part. */
export function multipartFile(field: string, filename: string, data: Buffer) {
  const boundary = `----slate${randomUUID()}`
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
