/**
 * The ids the API takes, in one place, so every route accepts and refuses them alike. A value that is
 * not an id of the right shape is a 400 naming the field; a well-formed id that names nothing is the
 * route's 404.
 */
import { z } from 'zod'

/** Call ids are `call-<uuid>`; the pattern also keeps an id from naming a folder outside (recordings). */
export const CallId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'is not a call id (letters, digits, - and _)')

/** Escalation task ids: `esc-…`, `callback-…` and the like. */
export const TaskId = z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'is not a task id')

/** Row ids are Postgres `integer`s: a larger number is no id, and Postgres would refuse to compare it. */
const PG_INTEGER_MAX = 2 ** 31 - 1
const ROW_ID_MESSAGE = `must be a whole number from 1 to ${PG_INTEGER_MAX}`

/** A row id in a JSON body (a number, not a string). */
export const RowId = z
  .number({ message: ROW_ID_MESSAGE })
  .int(ROW_ID_MESSAGE)
  .min(1, ROW_ID_MESSAGE)
  .max(PG_INTEGER_MAX, ROW_ID_MESSAGE)

/** A row id in the query string, where every value is text. */
export const RowIdQuery = z.coerce
  .number({ message: ROW_ID_MESSAGE })
  .int(ROW_ID_MESSAGE)
  .min(1, ROW_ID_MESSAGE)
  .max(PG_INTEGER_MAX, ROW_ID_MESSAGE)
