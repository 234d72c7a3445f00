import { zValidator } from '@hono/zod-validator'
import type { Context, ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
import { badRequest } from './errors'
import { guarded, type GuardedTarget } from './input-guard'

const GUARDED: readonly string[] = ['param', 'query', 'json'] satisfies GuardedTarget[]
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i

/**
 * A body sent as anything but JSON would be read as no body at all (zValidator looks only at JSON), and
 * the client told that every field is missing: say instead what is wrong with the request.
 */
async function requireJsonContentType(c: Context) {
  const contentType = c.req.header('content-type')
  const mediaType = contentType?.split(';')[0]?.trim() ?? ''
  if (JSON_MEDIA_TYPE.test(mediaType) || (await c.req.text()) === '') return
  throw badRequest(
    `The body must be JSON, sent with Content-Type: application/json (it came ${contentType ? `as ${contentType.slice(0, 60)}` : 'without a Content-Type'})`,
    [{ path: 'Content-Type', message: 'must be application/json' }],
  )
}

/**
 * `zValidator` with pitcrew's error shape: a 400 whose details list each bad field, e.g.
 * `{"path": "date", "message": "must be a real date in YYYY-MM-DD form"}`. Params, query and body
 * first pass input-guard.ts (no NUL, no control characters in ids and filters, ...).
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  const checked = GUARDED.includes(target) ? guarded(target as GuardedTarget, schema) : schema
  const validator = zValidator(target, checked as T, (result) => {
    if (!result.success) {
      const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
      const where = target === 'json' ? 'body' : target
      throw badRequest(
        `Invalid ${where}: ${details.map((d) => `${d.path || where} ${d.message}`).join('; ')}`,
        details,
      )
    }
  })
  if (target !== 'json') return validator
  const withContentType: typeof validator = async (c, next) => {
    await requireJsonContentType(c)
    return validator(c, next)
  }
  return withContentType
}
