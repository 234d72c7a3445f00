/**
 * What the model must answer when it understands a caller, and the rules that turn its answer into
 * an `Understanding` the agents can trust: slots outside the dealership's data are dropped.
 */
import { z } from 'zod'
import { Intent } from '../../domain/call-state'
import { isLocalDate } from '../../domain/time'
import { normalizePhone } from '../../lib/phone'
import type { NluCatalog, Understanding, UnderstandingSlots } from '../nlu'

// Optional fields accept null too: models often write `"date": null` for "not said".
const text = (description: string) => z.string().nullish().describe(description)

/** The function the model is made to call (OpenAI function calling). */
export const LlmUnderstanding = z.object({
  intent: Intent.describe('What the caller wants now.'),
  confidence: z.number().describe('0..1: how sure you are of the intent.'),
  slots: z
    .object({
      appointmentType: z.enum(['service', 'test_drive']).nullish(),
      serviceType: text('Exactly one of the listed service names, or null.'),
      vehicleInterest: text('The vehicle named, e.g. "Toyota RAV4" or "2024 Honda Civic".'),
      date: text('YYYY-MM-DD, today or later, in the dealership time zone.'),
      time: text('HH:MM, 24-hour clock.'),
      timeOfDay: z.enum(['morning', 'afternoon', 'evening']).nullish(),
      customerName: text("The caller's own full name, when they give it."),
      customerPhone: text("The caller's phone number, digits as said."),
      customerEmail: text("The caller's email address."),
      choice: z
        .number()
        .int()
        .nullish()
        .describe('Which offered time the caller picked: 1 = first, 2 = second, -1 = last.'),
    })
    .nullish(),
  affirmation: z
    .enum(['yes', 'no'])
    .nullish()
    .describe('The answer when the caller answers a yes/no question.'),
  isCorrection: z.boolean().nullish().describe('The caller corrects something said before.'),
  wantsHuman: z.boolean().nullish().describe('The caller asks for a person, a manager or a staff member.'),
  frustration: z.number().nullish().describe('0..1: how upset the caller sounds.'),
})
export type LlmUnderstanding = z.infer<typeof LlmUnderstanding>

export interface CleanContext {
  catalog: NluCatalog
  /** Today in the dealership's time zone, YYYY-MM-DD. */
  today: string
}

const clamp01 = (n: number | null | undefined) => Math.min(1, Math.max(0, n ?? 0))
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i
const TIME_RE = /^([01]?\d|2[0-3]):([0-5]\d)$/

/**
 * Validates the model's answer against the schema, then cleans every slot against the catalog and
 * the calendar. Throws when the answer itself is unusable (missing, wrong shape, unknown intent).
 */
export function cleanUnderstanding(raw: unknown, ctx: CleanContext): Understanding {
  const parsed = LlmUnderstanding.safeParse(raw)
  if (!parsed.success) {
    // Paths and expectations only: zod's messages do not quote the (possibly personal) values.
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'answer'}: ${i.message}`)
    throw new Error(`invalid output: ${issues.join('; ')}`)
  }
  const o = parsed.data
  const s = o.slots ?? {}
  const slots: UnderstandingSlots = {}
  const put = <K extends keyof UnderstandingSlots>(
    key: K,
    value: UnderstandingSlots[K] | null | undefined,
  ) => {
    if (value !== undefined && value !== null) slots[key] = value
  }
  put('appointmentType', s.appointmentType)
  put('serviceType', canonicalService(s.serviceType, ctx.catalog))
  put('vehicleInterest', shortText(s.vehicleInterest))
  if (s.date && isLocalDate(s.date.trim()) && s.date.trim() >= ctx.today) put('date', s.date.trim())
  put('time', hhmm(s.time))
  put('timeOfDay', s.timeOfDay)
  put('customerName', shortText(s.customerName))
  put('customerPhone', s.customerPhone ? normalizePhone(s.customerPhone) : undefined)
  put(
    'customerEmail',
    s.customerEmail && EMAIL_RE.test(s.customerEmail.trim()) ? s.customerEmail.trim() : undefined,
  )
  if (s.choice !== undefined && s.choice !== null && (s.choice >= 1 || s.choice === -1))
    put('choice', s.choice)
  const testDrive = o.intent === 'book_test_drive' || slots.appointmentType === 'test_drive'
  if (testDrive && slots.vehicleInterest)
    put('inventoryVehicleId', singleInStock(slots.vehicleInterest, ctx.catalog))

  const understanding: Understanding = {
    intent: o.intent,
    confidence: clamp01(o.confidence),
    slots,
    isCorrection: o.isCorrection ?? false,
    wantsHuman: o.wantsHuman ?? false,
    frustration: clamp01(o.frustration),
  }
  if (o.affirmation) understanding.affirmation = o.affirmation
  return understanding
}

/** The catalog's own spelling of a service name, or undefined for anything the shop doesn't offer. */
function canonicalService(name: string | null | undefined, catalog: NluCatalog): string | undefined {
  const wanted = name?.trim().toLowerCase()
  if (!wanted) return undefined
  return catalog.services.find((svc) => svc.name.toLowerCase() === wanted)?.name
}

function shortText(value: string | null | undefined): string | undefined {
  const v = value?.trim().replace(/\s+/g, ' ')
  return v && v.length <= 80 ? v : undefined
}

/** "9:30" -> "09:30"; anything that is not a 24-hour clock time is dropped. */
function hhmm(value: string | null | undefined): string | undefined {
  const m = value ? TIME_RE.exec(value.trim()) : null
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : undefined
}

/** The id of the one available vehicle the words name ("RAV4", "2024 Toyota RAV4"), if exactly one. */
function singleInStock(interest: string, catalog: NluCatalog): number | undefined {
  const words = interest.toLowerCase().split(/\s+/).filter(Boolean)
  const matches = catalog.vehicles.filter((v) => {
    if (!v.available) return false
    const label = `${v.year} ${v.make} ${v.model} ${v.trim}`.toLowerCase().split(/\s+/)
    return words.every((w) => label.includes(w))
  })
  return matches.length === 1 ? matches[0]!.id : undefined
}
