// routes.md §14: the departments blueprint — software licences and hardware items linked to
// departments (for budget forecasts). Every route is admin-only, checked before anything else.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import {
  HARDWARE_ITEMS, SOFTWARE, addItemToDepartment, listDepartmentItems, listItemsByDepartment, removeItemFromDepartment,
} from '../../services/departments.ts'
import {
  AddHardwareItemBody, AddSoftwareBody, DepartmentParams, HardwareItemParams, NoContent, SoftwareParams, rowsByDepartment, rowsOf,
} from './schemas.ts'

const tags = ['departments']
const config = { access: 'admin' as const }

export default async function departmentsRoutes(app: FastifyInstance) {
  app.get('/data/departments/software-licenses', {
    schema: { tags, response: { 200: rowsByDepartment('Software') } },
    config,
  }, (req) => listItemsByDepartment(createCtx(app, req), SOFTWARE))

  app.post<{ Params: DepartmentParams; Body: AddSoftwareBody }>('/data/departments/:department_id/software-licenses', {
    schema: { tags, params: DepartmentParams, body: AddSoftwareBody, response: { 201: { $ref: 'SoftwareDepartmentLink#' } } },
    config,
  }, async (req, reply) => reply.code(201).send(
    await addItemToDepartment(createCtx(app, req), SOFTWARE, req.params.department_id, req.body.software_id),
  ))

  app.get<{ Params: SoftwareParams }>('/data/departments/:department_id/software-licenses/:software_id', {
    schema: { tags, params: SoftwareParams, response: { 200: rowsOf('Software') } },
    config,
  }, (req) => listDepartmentItems(createCtx(app, req), SOFTWARE, req.params.department_id, req.params.software_id))

  app.delete<{ Params: SoftwareParams }>('/data/departments/:department_id/software-licenses/:software_id', {
    schema: { tags, params: SoftwareParams, response: { 204: NoContent } },
    config,
  }, async (req, reply) => {
    await removeItemFromDepartment(createCtx(app, req), SOFTWARE, req.params.department_id, req.params.software_id)
    return reply.code(204).send()
  })

  app.get('/data/departments/hardware-items', {
    schema: { tags, response: { 200: rowsByDepartment('HardwareItem') } },
    config,
  }, (req) => listItemsByDepartment(createCtx(app, req), HARDWARE_ITEMS))

  app.post<{ Params: DepartmentParams; Body: AddHardwareItemBody }>('/data/departments/:department_id/hardware-items', {
    schema: { tags, params: DepartmentParams, body: AddHardwareItemBody, response: { 201: { $ref: 'HardwareItemDepartmentLink#' } } },
    config,
  }, async (req, reply) => reply.code(201).send(
    await addItemToDepartment(createCtx(app, req), HARDWARE_ITEMS, req.params.department_id, req.body.hardware_item_id),
  ))

  app.get<{ Params: HardwareItemParams }>('/data/departments/:department_id/hardware-items/:hardware_item_id', {
    schema: { tags, params: HardwareItemParams, response: { 200: rowsOf('HardwareItem') } },
    config,
  }, (req) => listDepartmentItems(createCtx(app, req), HARDWARE_ITEMS, req.params.department_id, req.params.hardware_item_id))

  app.delete<{ Params: HardwareItemParams }>('/data/departments/:department_id/hardware-items/:hardware_item_id', {
    schema: { tags, params: HardwareItemParams, response: { 204: NoContent } },
    config,
  }, async (req, reply) => {
    await removeItemFromDepartment(createCtx(app, req), HARDWARE_ITEMS, req.params.department_id, req.params.hardware_item_id)
    return reply.code(204).send()
  })
}
