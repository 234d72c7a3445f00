/** Scores every intent from the weighted rules plus what the slots say, and picks one honestly. */
import type { Intent } from '../../domain/call-state'
import { BOOKING_REQUEST, FAQ_QUESTION_START, INTENT_RULES, REQUEST_QUESTION_START } from './intent-rules'
import type { Expectation } from './types'

export interface IntentEvidence {
  /** A catalog service is named. */
  service: boolean
  /** A vehicle is named that is not the caller's own. */
  vehicle: boolean
  /** The caller names their own car ("my Camry"). */
  ownedVehicle: boolean
  wantsHuman: boolean
  expecting: Expectation
}

export interface IntentResult {
  /** 'general' when nothing scores high enough (then confidence is left to the caller). */
  intent: Intent
  confidence: number
  /** Something beyond "an appointment" points at service work or at a test drive. */
  serviceEvidence: boolean
  testDriveEvidence: boolean
}

/** Below this, no intent is claimed. */
const THRESHOLD = 1
const LEADING_FILLER =
  /^(?:(?:hi|hello|hey|um+|uh+|yeah|yes|ok|okay|so|well|and|also|oh|hmm+|quick question)[\s,.!-]+)+/

export function classifyIntent(normalized: string, ev: IntentEvidence): IntentResult {
  const scores = new Map<Intent, number>()
  const add = (intent: Intent, w: number) => scores.set(intent, (scores.get(intent) ?? 0) + w)
  // Evidence from the wording itself (not from a named service or vehicle alone).
  let serviceWording = false
  let testDriveEvidence = false
  for (const r of INTENT_RULES) {
    if (r.needsVehicle && !ev.vehicle) continue
    if (!r.re.test(normalized)) continue
    add(r.intent, r.weight)
    if (!r.generic && r.weight > 0 && r.intent === 'book_service') serviceWording = true
    if (!r.generic && r.weight > 0 && r.intent === 'book_test_drive') testDriveEvidence = true
  }

  const bookingRequest = BOOKING_REQUEST.test(normalized)
  const head = normalized.replace(LEADING_FILLER, '')
  const isQuestion =
    !REQUEST_QUESTION_START.test(head) &&
    (FAQ_QUESTION_START.test(head) || normalized.endsWith('?') || /\bwondering\b/.test(normalized))

  // A named service: "book me an oil change" is a booking, "do you do oil changes?" a question.
  if (ev.service) {
    if (bookingRequest) add('book_service', 3)
    else if (isQuestion) {
      add('faq', 1.5)
      add('book_service', 0.5)
    } else if (ev.expecting === null) add('book_service', 1.5)
  }
  if (ev.vehicle) {
    if (isQuestion && !testDriveEvidence) add('faq', 1.2)
    add('book_test_drive', 0.6)
  }
  if (ev.ownedVehicle && bookingRequest) add('book_service', 0.8)
  if (ev.wantsHuman) add('escalation', 4)
  if (isQuestion && !bookingRequest && (scores.get('faq') ?? 0) > 0) add('faq', 1)

  // "Cancel my test drive", "move my oil change": the booking words only name the appointment.
  if (Math.max(scores.get('cancel') ?? 0, scores.get('reschedule') ?? 0) >= 3) {
    for (const i of ['book_service', 'book_test_drive'] as const)
      if (scores.has(i)) add(i, -(scores.get(i) ?? 0) / 2)
  }
  // "Hi, I need ..." is about what follows the greeting.
  const substantive = [...scores.entries()].some(([i, s]) => i !== 'greeting' && s >= THRESHOLD)
  if (substantive) scores.delete('greeting')
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1])
  const [top, second] = ranked
  let intent: Intent = top && top[1] >= THRESHOLD ? top[0] : 'general'
  // A bare answer to the agent's question ("oil change please", "a test drive", "yes, book it", "hi,
  // it's John") is data for the current step, not a new request: the graph decides what to do with it.
  const bookingIntent = intent === 'book_service' || intent === 'book_test_drive'
  const asksToBook = bookingRequest && (intent === 'book_service' ? serviceWording : testDriveEvidence)
  if (ev.expecting !== null && ((bookingIntent && !asksToBook) || intent === 'greeting')) intent = 'general'
  const serviceEvidence = serviceWording || ev.service
  if (intent === 'general' || !top) return { intent, confidence: 0, serviceEvidence, testDriveEvidence }

  const saturation = 1 - Math.exp(-top[1] / 1.5)
  const margin = second ? Math.max(0, top[1] - second[1]) / top[1] : 1
  const confidence = Math.min(0.97, saturation * (0.5 + 0.5 * margin))
  return { intent, confidence: Math.round(confidence * 100) / 100, serviceEvidence, testDriveEvidence }
}
