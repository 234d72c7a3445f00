import { z } from 'zod'
import { normalizePhone } from '../lib/phone'

/** A phone number in any common notation, normalized to E.164; a 400 names it when it is not one. */
export const PhoneNumber = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .transform((raw, ctx) => {
    const phone = normalizePhone(raw)
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: `"${raw}" is not a valid phone number` })
      return z.NEVER
    }
    return phone
  })
