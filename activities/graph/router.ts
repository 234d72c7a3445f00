import type { CompactCallState } from '../../domain/call-state'
import type { Understanding } from '../nlu'
import type { GraphDeps } from './deps'
import { isVehicleTurn } from './vehicle-rules'
import type { Route, TurnGraphState, TurnUpdate } from './graph-state'

const BOOKING_INTENTS = new Set(['book_service', 'book_test_drive', 'reschedule', 'cancel'])
/** Frustration at or above this hands the call to a person. */
export const FRUSTRATION_ESCALATES = 0.7

/** Understands the customer and picks the agent that answers. */
export function routerNode(deps: GraphDeps) {
  return async (s: TurnGraphState): Promise<TurnUpdate> => {
    const u = await deps.understand(s.text, s.call, s.recent)
    const route = chooseRoute(u, s.call, s.text)
    return {
      understanding: u,
      route,
      call: { ...s.call, intent: u.intent, confidence: u.confidence, currentAgent: 'router' },
    }
  }
}

export function chooseRoute(u: Understanding, call: CompactCallState, text = ''): Route {
  if (u.wantsHuman || u.frustration >= FRUSTRATION_ESCALATES) return 'escalation'
  if (isVehicleTurn(text, call, u)) return 'vehicle'
  if (BOOKING_INTENTS.has(u.intent)) return 'booking'
  if (u.intent === 'faq') return 'faq'
  if (
    bookingInProgress(call) &&
    (hasSlots(u) || u.affirmation !== undefined || call.dialog.expecting !== null)
  ) {
    return 'booking'
  }
  if (u.intent === 'general' && call.dialog.failedTurns >= 2) return 'escalation'
  return 'response'
}

export function bookingInProgress(call: CompactCallState): boolean {
  return call.dialog.pendingAction !== null
}

function hasSlots(u: Understanding): boolean {
  return Object.values(u.slots).some((v) => v !== undefined)
}
