// One error type; the body is the exact JSON Zou answers (reference crud.md §8).
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.message === 'string' ? body.message : typeof body.msg === 'string' ? body.msg : `HTTP ${statusCode}`)
  }
}

export const FORBIDDEN_MESSAGE =
  "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server."
export const NOT_FOUND_MESSAGE =
  '404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'
export const UNAUTHORIZED_MESSAGE =
  "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required."

/** Zou's WrongParameterException: most explicit checks. */
export const wrongParameter = (message: string, data: unknown = null) =>
  new AppError(400, { error: true, message, data })
/** Errors caught inside Zou's generic create/update/delete: `{"message": …}` only. */
export const badRequest = (message: string) => new AppError(400, { message })
/** Zou's other 400s that carry `error: true` without `data`. */
export const invalid = (message: string) => new AppError(400, { error: true, message })
/** Werkzeug's BadRequest and RequestEntityTooLarge bodies (unreadable request, body over the cap). */
export const malformedRequest = () => invalid('The browser (or proxy) sent a request that this server could not understand.')
export const tooLarge = () => new AppError(413, { error: true, message: 'The data value transmitted exceeds the capacity limit.' })
export const forbidden = (message = FORBIDDEN_MESSAGE) => new AppError(403, { error: true, message })
export const notFound = (message = NOT_FOUND_MESSAGE) => new AppError(404, { error: true, message })
export const unauthorized = () => new AppError(401, { error: true, message: UNAUTHORIZED_MESSAGE })
/** Errors of the JWT layer (flask-jwt-extended's `{"msg": …}` shape). */
export const jwtError = (statusCode: number, msg: string) => new AppError(statusCode, { msg })

export const DB_MESSAGES = {
  unique: 'A record with the same unique values already exists.',
  foreignKey: 'The change conflicts with records referencing this one.',
  notNull: 'A required field is missing.',
  integrity: 'The data conflicts with database integrity rules.',
  format: 'One of the provided values has an invalid format.',
} as const
