/**
 * Offline language understanding: what a caller means in one utterance, without an LLM.
 *
 * Pure and synchronous (no I/O; the only state is a per-catalog memo that does not change answers).
 * The catalog comes in as data and is compiled once per catalog object: keep passing the same object.
 * Slots are filled from anything the caller says, whatever the intent; a booking intent without a
 * named kind of appointment ("I'd like to make an appointment") is book_service with a low confidence
 * and no `appointmentType`.
 *
 * `expecting` and bare answers: when the agent has just asked for something (a date, a name, a yes),
 * an answer that only supplies data ("Thursday at 2", "John Smith", "217-555-0123", "yes", "oil
 * change") keeps intent 'general' with the slots (or `affirmation`) filled, and a high confidence when
 * it supplies what was asked for. The graph decides what that means for the step it is in. An
 * utterance that also asks for something else ("actually, cancel it", "let me talk to a person") gets
 * that intent as usual. Spoken digits ("two one seven ...") only count as a phone number, a lone "2"
 * as a time, "the 2nd" as an option rather than a date, and a bare word as a name, when that is what
 * was asked for.
 */
import { findEmail, findPhone, findSpokenEmail, findSpokenPhone } from './contact'
import { extractDateTime } from './datetime'
import { classifyIntent, type IntentResult } from './intent'
import { findName } from './names'
import { correctionScope, findAffirmation, findFrustration, findWantsHuman } from './signals'
import { findChoice } from './slot-choice'
import { compileServices, matchService, type CompiledServices } from './service-match'
import { maskSpans, normalize, tokenize } from './text'
import type { Expectation, NluCatalog, NluContext, Understanding, UnderstandingSlots } from './types'
import { compileVehicles, matchVehicle, type CompiledVehicles } from './vehicle-match'

/** Longer messages are read up to here: enough for any spoken turn, and it bounds the time per call. */
const MAX_CHARS = 1500

interface Compiled {
  services: CompiledServices
  vehicles: CompiledVehicles
  agentNames: Set<string>
  domainWords: Set<string>
}

const compiledCatalogs = new WeakMap<NluCatalog, Compiled>()

function compile(catalog: NluCatalog): Compiled {
  let compiled = compiledCatalogs.get(catalog)
  if (!compiled) {
    const vehicles = compileVehicles(catalog.vehicles)
    const serviceWords = catalog.services.flatMap((s) => [s.name, ...s.synonyms]).flatMap((t) => tokenize(t))
    compiled = {
      services: compileServices(catalog.services),
      vehicles,
      agentNames: new Set((catalog.agentNames ?? []).map((n) => n.toLowerCase())),
      domainWords: new Set([...vehicles.vocabulary, ...serviceWords.map((t) => t.word)]),
    }
    compiledCatalogs.set(catalog, compiled)
  }
  return compiled
}

interface Extracted {
  slots: UnderstandingSlots
  ownedVehicle: boolean
}

/** `correcting`: the text is what follows "make it" & co., where a bare "4" is a time. */
function extractSlots(text: string, ctx: NluContext, c: Compiled, correcting = false): Extracted {
  const slots: UnderstandingSlots = {}
  const expecting = ctx.expecting
  let masked = text
  const email = findEmail(masked)
  if (email) {
    slots.customerEmail = email.value
    masked = maskSpans(masked, [email])
  } else if (expecting === 'email') {
    const spoken = findSpokenEmail(text)
    if (spoken) slots.customerEmail = spoken
  }
  const phone = findPhone(masked)
  if (phone) {
    slots.customerPhone = phone.value
    masked = maskSpans(masked, [phone])
  } else if (expecting === 'phone') {
    const spoken = findSpokenPhone(masked)
    if (spoken) slots.customerPhone = spoken
  }
  const contactMasked = masked
  const vehicle = matchVehicle(masked, c.vehicles)
  if (vehicle) {
    slots.vehicleInterest = vehicle.vehicleInterest
    if (vehicle.inventoryVehicleId !== undefined) slots.inventoryVehicleId = vehicle.inventoryVehicleId
    masked = maskSpans(masked, vehicle.spans)
  }
  // Matched before vehicles are masked: "Tesla battery" and "hybrid battery" are services too.
  const service = matchService(contactMasked, c.services, { expectingService: expecting === 'service_type' })
  if (service) slots.serviceType = service.service
  const { timeZone, now } = ctx
  Object.assign(slots, extractDateTime(masked, { timeZone, now, expecting, bareNumberIsTime: correcting }))
  const name = findName(contactMasked, {
    expectingName: expecting === 'name',
    domainWords: c.domainWords,
    agentNames: c.agentNames,
  })
  if (name) slots.customerName = name
  if (expecting === 'slot_choice') {
    const choice = findChoice(normalize(text))
    if (choice !== undefined) slots.choice = choice
  }
  return { slots, ownedVehicle: vehicle?.owned ?? false }
}

/** Understands one utterance of a caller. See the module comment for how `expecting` is used. */
export function understand(text: string, ctx: NluContext): Understanding {
  const raw = text.slice(0, MAX_CHARS)
  const c = compile(ctx.catalog)
  const normalized = normalize(raw)
  const wantsHuman = findWantsHuman(normalized, c.agentNames)
  const affirmation = findAffirmation(
    raw,
    ctx.expecting === 'confirmation' || ctx.expecting === 'vin_confirmation',
  )

  // A correction carries only the new value: read the slots from the part after "I meant" & co.
  const correction = correctionScope(raw)
  let extracted = extractSlots(correction.scope, ctx, c, correction.scope !== raw)
  const found = Object.keys(extracted.slots).length > 0
  if (correction.scope !== raw && !found) extracted = extractSlots(raw, ctx, c)
  const isCorrection = correction.marked && found
  const { slots } = extracted

  const result = classifyIntent(normalized, {
    service: slots.serviceType !== undefined,
    vehicle: slots.vehicleInterest !== undefined && !extracted.ownedVehicle,
    ownedVehicle: extracted.ownedVehicle,
    wantsHuman,
    expecting: ctx.expecting,
  })
  const appointmentType = appointmentTypeOf(normalized, result, slots, extracted.ownedVehicle, ctx.expecting)
  if (appointmentType) slots.appointmentType = appointmentType

  const understanding: Understanding = {
    intent: result.intent,
    confidence:
      result.intent === 'general' ? generalConfidence(slots, affirmation, ctx.expecting) : result.confidence,
    slots,
    isCorrection,
    wantsHuman,
    frustration: findFrustration(raw),
  }
  if (affirmation) understanding.affirmation = affirmation
  return understanding
}

function appointmentTypeOf(
  normalized: string,
  r: IntentResult,
  slots: UnderstandingSlots,
  owned: boolean,
  expecting: Expectation,
): UnderstandingSlots['appointmentType'] {
  if (/\btest[- ]?driv/.test(normalized)) return 'test_drive'
  if (r.intent === 'book_test_drive' && r.testDriveEvidence) return 'test_drive'
  if (r.intent === 'book_service' && r.serviceEvidence) return 'service'
  if (r.intent !== 'general' || (expecting !== 'appointment_type' && expecting !== 'service_type')) return
  if (slots.serviceType || /\b(?:service|maintenance|repairs?|fix|work done)\b/.test(normalized))
    return 'service'
  if (expecting === 'appointment_type') {
    if (slots.vehicleInterest && !owned) return 'test_drive'
    if (/\b(?:sales|buy|buying|purchase|new car|used car|drive)\b/.test(normalized)) return 'test_drive'
  }
}

/** What the agent asked for, and whether this answer supplies it. */
const ANSWERS: Record<Exclude<Expectation, null>, (s: UnderstandingSlots, yesNo: boolean) => boolean> = {
  appointment_type: (s) => s.appointmentType !== undefined,
  service_type: (s) => s.serviceType !== undefined,
  vehicle: (s) => s.vehicleInterest !== undefined,
  date: (s) => s.date !== undefined,
  time: (s) => s.time !== undefined || s.timeOfDay !== undefined,
  name: (s) => s.customerName !== undefined,
  phone: (s) => s.customerPhone !== undefined,
  email: (s) => s.customerEmail !== undefined,
  confirmation: (_s, yesNo) => yesNo,
  slot_choice: (s) => s.choice !== undefined || s.time !== undefined || s.date !== undefined,
  // The VIN itself is read by the vehicle step (domain/vin.ts), not by these slots.
  vin: () => false,
  vin_confirmation: (_s, yesNo) => yesNo,
}

function generalConfidence(slots: UnderstandingSlots, affirmation: unknown, expecting: Expectation): number {
  if (expecting !== null && ANSWERS[expecting](slots, affirmation !== undefined)) return 0.9
  if (Object.keys(slots).length > 0 || affirmation !== undefined) return 0.5
  return 0.2
}
