import { Type, type Static } from '@sinclair/typebox'
import { ROLE } from '../../crud/enums.ts'

export const TemplateParams = Type.Object({ project_template_id: Type.String() })
export type TemplateParams = Static<typeof TemplateParams>

/** The template id and the id of the linked row, e.g. `task_type_id`. */
export const linkParams = (key: string) => Type.Object({ project_template_id: Type.String(), [key]: Type.String() })
export type LinkParams<K extends string> = { project_template_id: string } & Record<K, string>

export const ProjectParams = Type.Object({ project_id: Type.String() })
export type ProjectParams = Static<typeof ProjectParams>
export const ApplyParams = Type.Object({ project_id: Type.String(), project_template_id: Type.String() })
export type ApplyParams = Static<typeof ApplyParams>

// Zou's Pydantic bodies: the id is a non-empty string (its UUID form is checked by the service,
// with the blueprint's own message); other keys are ignored.
const Id = Type.String({ minLength: 1 })
const Priority = Type.Optional(Type.Union([Type.Integer(), Type.Null()]))
export const AddTaskTypeBody = Type.Object({ task_type_id: Id, priority: Priority })
export type AddTaskTypeBody = Static<typeof AddTaskTypeBody>
export const AddTaskStatusBody = Type.Object({
  task_status_id: Id, priority: Priority, roles_for_board: Type.Optional(Type.Array(Type.Union(ROLE.map((r) => Type.Literal(r))))),
})
export type AddTaskStatusBody = Static<typeof AddTaskStatusBody>
export const idBody = (key: string) => Type.Object({ [key]: Id })
export type IdBody<K extends string> = Record<K, string>

export const FromProjectBody = Type.Object({ name: Type.String({ minLength: 1 }), description: Type.Optional(Type.Union([Type.String(), Type.Null()])) })
export type FromProjectBody = Static<typeof FromProjectBody>

const OpenRow = { type: 'object', additionalProperties: true }
export const OpenRows = { type: 'array', items: OpenRow }
export const ref = (model: string) => ({ $ref: `${model}#` })
export const refs = (model: string) => ({ type: 'array', items: ref(model) })
export const IdName = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } }
export const Background = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, is_default: { type: 'boolean' } } }
export const NoContent = { type: 'null', description: 'No content' }
