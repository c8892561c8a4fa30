// POST /actions/projects/:project_id/set-file-tree: copies a bundled tree into the project.
import { invalid, notFound } from '../../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../../lib/serialize.ts'
import { requireManagerAccess } from '../access.ts'
import { runWrite, type Deps } from '../write-scope.ts'
import { bundledTree } from './trees.ts'

const serializeProject = modelRowSerializer('Project')

export async function setFileTree(deps: Deps, projectId: string, treeName: string): Promise<Row> {
  if (!isUuid(projectId)) throw notFound()
  await requireManagerAccess(deps.ctx, projectId)
  const tree = bundledTree(treeName)
  if (!tree) throw invalid('Selected tree is not available')
  return runWrite(deps, async (w) => {
    const { rows } = await w.client.query(
      'UPDATE project SET file_tree = $2::jsonb, updated_at = now() WHERE id = $1 RETURNING *',
      [projectId, JSON.stringify(tree)],
    )
    w.events.push({ name: 'project:update', data: {}, projectId: rows[0].id })
    return serializeProject(rows[0])
  })
}
