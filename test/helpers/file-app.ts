// One app per test file through vitest's hooks: built before the file's tests (with a
// logged-in admin, and optionally a manager on a small production), closed after. The
// returned object is filled in by beforeAll, so read its fields inside tests only.
import { afterAll, beforeAll } from 'vitest'
import { buildTestApp, type TestApp } from './app.ts'
import { as, makeProduction, type TestPerson } from './fixtures.ts'

export interface FileApp {
  t: TestApp
  admin: TestPerson
}

export interface ProductionFileApp extends FileApp {
  manager: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
}

export function useFileAppWith<X extends FileApp>(extra: (file: FileApp) => Promise<Omit<X, keyof FileApp>>): X {
  const file = {} as X
  beforeAll(async () => {
    file.t = await buildTestApp()
    file.admin = await as(file.t.app, 'admin')
    Object.assign(file, await extra(file))
  })
  afterAll(async () => { await file.t?.close() })
  return file
}

export const useFileApp = (): FileApp => useFileAppWith<FileApp>(async () => ({}))

/** The file app plus a manager on the team of makeProduction()'s production. */
export const useFileAppWithProduction = (): ProductionFileApp =>
  useFileAppWith<ProductionFileApp>(async ({ t }) => {
    const manager = await as(t.app, 'manager')
    return { manager, prod: await makeProduction(t.app, [{ id: manager.id }]) }
  })
