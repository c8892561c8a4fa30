// The signed-link routes at the root and under /api, allowed and refused per role: minting
// follows the file's read rule (TA on the task), serving a link needs no JWT at all.
import { ALL_ROLES, routeTable, useRoleProduction, type RoleFileApp, type TableRole } from '../../helpers/route-table.ts'
import { bytes, storeAttachment, storePreview } from './helpers.ts'

const file = useRoleProduction()

/** TA on the production's task: the team (the vendor is assigned on the task). */
const READERS: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'user', 'client', 'vendor']

const once = <T>(make: (f: RoleFileApp) => Promise<T>) => {
  let p: Promise<T> | null = null
  return (f: RoleFileApp) => (p ??= make(f))
}
const attachment = once((f) => storeAttachment(f.t.app, f.people.manager, f.prod.task.id, f.prod.status.id, { name: 'notes.txt', type: 'text/plain', data: bytes(100) }))
const preview = once((f) => storePreview(f.t.app, f.prod.task.id, 'png', [['pictures', 'original', bytes(64)]]))
const link = once(async (f) => {
  const res = await f.t.app.inject({ method: 'GET', url: `/data/attachment-files/${await attachment(f)}/signed-url`, headers: f.people.admin.headers })
  return res.json().url as string
})

routeTable('signed links', file, [
  {
    method: 'GET', path: '/data/preview-files/:preview_file_id/signed-url', roles: READERS,
    call: async (f) => ({ url: `/data/preview-files/${await preview(f)}/signed-url?variant=original` }),
  },
  {
    method: 'GET', path: '/data/attachment-files/:attachment_file_id/signed-url', roles: READERS,
    call: async (f) => ({ url: `/api/data/attachment-files/${await attachment(f)}/signed-url?expires_in=60` }),
  },
  {
    method: 'GET', path: '/signed-files/:token', roles: ALL_ROLES,
    call: async (f) => ({ url: await link(f) }),
  },
])
