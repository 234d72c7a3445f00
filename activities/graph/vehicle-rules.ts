/**
 * The offline crew's car-record desk: a caller gives a VIN (typed, said or spelled), the crew decodes
 * it with `decode_vin`, reads the car back and, on a yes, adds it with `add_vehicle`. The same tools
 * the LLM is offered; every call is recorded by the runner.
 */
import type { CompactCallState, Dialog } from '../../domain/call-state'
import { findVin, sayCorrections, sayVin } from '../../domain/vin'
import { findAffirmation } from '../nlu/signals'
import type { Understanding } from '../nlu'
import type { ToolOutcome, ToolRunner } from '../tools'
import { withToolEffects } from './tool-effects'

const ASKS_FOR_VIN = /\b(vin|v i n|vehicle identification)\b|\badd (?:my|a|another) (?:car|vehicle|truck)\b/i

/** A turn for the car-record desk: a VIN in the text, a mention of one, or an answer it waits for. */
export function isVehicleTurn(text: string, call: CompactCallState, u: Understanding): boolean {
  const expecting = call.dialog.expecting
  if (findVin(text)) return true
  if (expecting === 'vin_confirmation') return findAffirmation(text, true) !== undefined
  if (expecting === 'vin' && u.intent === 'general' && !u.affirmation) return true
  const booking = u.intent === 'book_service' || u.intent === 'book_test_drive'
  return ASKS_FOR_VIN.test(text) && !booking
}

export interface VehicleStep {
  reply: string
  call: CompactCallState
}

const ASK_VIN =
  "Sure. Please read me your car's 17-character VIN, one character at a time; for letters you can use words like hotel, golf, charlie. It's on the driver's side of the dashboard, by the windshield, and on your registration."
const ASK_AGAIN = 'Could you read me the VIN again, one character at a time?'

const withDialog = (call: CompactCallState, dialog: Partial<Dialog>): CompactCallState => ({
  ...call,
  dialog: { ...call.dialog, ...dialog },
})

/** One turn of the rules: decode a VIN that was given, or settle the one that was read back. */
export async function rulesVehicleStep(
  tools: ToolRunner,
  call: CompactCallState,
  text: string,
): Promise<VehicleStep> {
  const found = findVin(text)
  const candidate = call.dialog.vinCandidate
  if (!found && candidate && call.dialog.expecting === 'vin_confirmation') {
    const answer = findAffirmation(text, true)
    if (answer === 'yes') return addCandidate(tools, call, candidate)
    return {
      reply: `Sorry about that. ${ASK_AGAIN}`,
      call: withDialog(call, { expecting: 'vin', vinCandidate: undefined }),
    }
  }
  if (!found) {
    const again = call.dialog.expecting === 'vin'
    return {
      reply: again ? `I didn't catch a VIN there. ${ASK_AGAIN}` : ASK_VIN,
      // Asked once more at most: after a second miss the caller is free to talk about something else.
      call: withDialog(call, { expecting: again ? null : 'vin', vinCandidate: undefined }),
    }
  }
  const decoded = await tools.run('decode_vin', { vin: found.vin }, call)
  if (!decoded.ok)
    return {
      reply: decodeProblem(decoded),
      call: withDialog(call, { expecting: 'vin', vinCandidate: undefined }),
    }
  const car = decoded.result as { vin: string; description: string }
  const misheard = sayCorrections(found.corrections)
  return {
    reply: `${misheard ? `${misheard} ` : ''}I have ${sayVin(car.vin)}: that's a ${car.description}. Is that your car?`,
    call: withDialog(call, {
      expecting: 'vin_confirmation',
      vinCandidate: { vin: car.vin, description: car.description },
    }),
  }
}

async function addCandidate(
  tools: ToolRunner,
  call: CompactCallState,
  candidate: NonNullable<Dialog['vinCandidate']>,
): Promise<VehicleStep> {
  let current = call
  if (current.customer?.customerId === undefined && current.booking.customerPhone) {
    const found = await tools.run('lookup_customer', { phone: current.booking.customerPhone }, current)
    current = withToolEffects(current, 'lookup_customer', found)
  }
  const done = withDialog(current, { expecting: null, vinCandidate: undefined })
  if (current.customer?.customerId === undefined) {
    return {
      reply: `I can't find a customer record for this call, so I can't save the ${candidate.description} yet. A member of our team can add it for you, or I can book the service now and we'll add the car at check-in.`,
      call: done,
    }
  }
  const added = await tools.run('add_vehicle', { vin: candidate.vin }, current)
  if (!added.ok) return { reply: `I couldn't add it: ${added.error}`, call: done }
  return {
    reply: `Done: your ${candidate.description} is on your record. Would you like to book service for it?`,
    call: withToolEffects(done, 'add_vehicle', added),
  }
}

/** What the caller hears when a VIN does not decode: the reason, plainly. */
function decodeProblem(outcome: Extract<ToolOutcome, { ok: false }>): string {
  const d = outcome.details ?? {}
  switch (d.reason) {
    case 'length':
      return typeof d.length === 'number'
        ? `I got ${d.length} characters, but a VIN has 17. ${ASK_AGAIN}`
        : `I didn't catch a full VIN. ${ASK_AGAIN}`
    case 'check_digit':
      return `That VIN doesn't add up: its check digit, the ninth character, is ${String(d.actual)}, but the other characters give ${String(d.expected)}, so at least one character is wrong. ${ASK_AGAIN}`
    case 'unknown_manufacturer':
      return `No manufacturer uses the code ${String(d.wmi)} in NHTSA's VIN database, so I can't tell which car that is. Could you check the first three characters and read it again?`
    case 'not_decoded':
      return `That VIN is valid, but NHTSA's database has no model for it, so I can't tell which car it is. Our service team can add it for you.`
    default:
      return `${outcome.error} ${ASK_AGAIN}`
  }
}
