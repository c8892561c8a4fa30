// crud.md §11.17: a custom action always has a name.
import { wrongParameter } from '../../lib/errors.ts'
import type { Hooks } from '../model.ts'

export const customActionHooks: Hooks = {
  beforeCreate(_ctx, data) {
    if (data.name === undefined || data.name === null) throw wrongParameter("The 'name' field is required and cannot be None.")
  },
  beforeUpdate(_ctx, _row, data) {
    if ('name' in data && data.name === null) throw wrongParameter("The 'name' field cannot be set to None.")
  },
}
