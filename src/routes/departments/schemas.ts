import { Type, type Static } from '@sinclair/typebox'

export const DepartmentParams = Type.Object({ department_id: Type.String() })
export const SoftwareParams = Type.Object({ department_id: Type.String(), software_id: Type.String() })
export const HardwareItemParams = Type.Object({ department_id: Type.String(), hardware_item_id: Type.String() })
export type DepartmentParams = Static<typeof DepartmentParams>
export type SoftwareParams = Static<typeof SoftwareParams>
export type HardwareItemParams = Static<typeof HardwareItemParams>

// Zou validates these bodies with Pydantic models whose id is a UUID.
export const AddSoftwareBody = Type.Object({ software_id: Type.String({ format: 'uuid' }) })
export const AddHardwareItemBody = Type.Object({ hardware_item_id: Type.String({ format: 'uuid' }) })
export type AddSoftwareBody = Static<typeof AddSoftwareBody>
export type AddHardwareItemBody = Static<typeof AddHardwareItemBody>

export const rowsOf = (model: string) => ({ type: 'array', items: { $ref: `${model}#` } })
export const rowsByDepartment = (model: string) => ({ type: 'object', additionalProperties: rowsOf(model) })
export const NoContent = { type: 'null', description: 'No content' }
