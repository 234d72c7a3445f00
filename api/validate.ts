import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
import { badRequest } from './errors'

/**
 * `zValidator` with pitcrew's error shape: a 400 whose details list each bad field, e.g.
 * `{"path": "date", "message": "must be a real date in YYYY-MM-DD form"}`.
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
      const where = target === 'json' ? 'body' : target
      throw badRequest(
        `Invalid ${where}: ${details.map((d) => `${d.path || where} ${d.message}`).join('; ')}`,
        details,
      )
    }
  })
}
