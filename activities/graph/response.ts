import type { CompactCallState } from '../../domain/call-state'
import { missingForBooking, QUESTIONS } from './booking-slots'
import type { GraphDeps } from './deps'
import type { TurnGraphState, TurnUpdate } from './graph-state'

/**
 * The last step of every turn. It answers small talk itself (greeting, goodbye, not understood);
 * after another agent it brings an unfinished booking back up, and in LLM mode it rephrases.
 */
export function responseNode(deps: GraphDeps) {
  return async (s: TurnGraphState): Promise<TurnUpdate> => {
    let { call, reply } = s
    let endCall = false
    if (s.route === 'response') {
      const small = smallTalk(s, deps.dealershipName)
      reply = small.reply
      endCall = small.endCall
      call = {
        ...call,
        currentAgent: 'response',
        dialog: { ...call.dialog, failedTurns: small.understood ? 0 : call.dialog.failedTurns + 1 },
      }
    }
    // A VIN read back waits for its yes or no first; the booking comes up again after it.
    const vinPending = call.dialog.expecting === 'vin' || call.dialog.expecting === 'vin_confirmation'
    if (s.route !== 'booking' && s.route !== 'escalation' && !endCall && !vinPending) {
      const pending = pendingBookingQuestion(call)
      if (pending) reply = `${reply} ${pending}`
    }
    if (deps.phrase) reply = await deps.phrase(reply, call, s.recent, s.text)
    return { reply, call, endCall }
  }
}

function smallTalk(s: TurnGraphState, dealership: string) {
  const name = s.call.customer?.name?.split(' ')[0]
  switch (s.understanding?.intent) {
    case 'greeting':
      return {
        reply: `Hi${name ? ` ${name}` : ''}! Thanks for calling ${dealership}. I can answer questions, book service or a test drive, or connect you with our team. How can I help?`,
        endCall: false,
        understood: true,
      }
    case 'goodbye':
      return {
        reply: `Thanks for calling ${dealership}${name ? `, ${name}` : ''}. Have a great day!`,
        endCall: true,
        understood: true,
      }
    default:
      return {
        reply:
          "Sorry, I didn't quite get that. I can answer questions about the dealership, book service or a test drive, or change an appointment. What would you like to do?",
        endCall: false,
        understood: false,
      }
  }
}

/** While a booking is half done, the question that moves it forward. */
function pendingBookingQuestion(call: CompactCallState): string | null {
  if (call.dialog.pendingAction !== 'book') return null
  const expecting = call.dialog.expecting
  if (expecting === 'confirmation') return 'Shall I go ahead with the booking?'
  if (expecting === 'slot_choice') return 'Which of the times I mentioned works for you?'
  const missing = missingForBooking(call.booking)
  if (!missing || missing === 'time') return null
  return `Back to your booking: ${QUESTIONS[missing]}`
}
