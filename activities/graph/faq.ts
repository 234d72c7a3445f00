import { FAQ_MIN_SCORE, searchFaqs } from '../../db/faq-search'
import type { GraphDeps } from './deps'
import type { TurnGraphState, TurnUpdate } from './graph-state'

export const NO_ANSWER =
  'I\'m not sure about that one, and I\'d rather not guess. I can connect you with someone from our team who knows: just say "talk to someone".'

/** Answers from the dealership's FAQ, and says so honestly when nothing there fits. */
export function faqNode(deps: GraphDeps) {
  return async (s: TurnGraphState): Promise<TurnUpdate> => {
    const [best] = await searchFaqs(deps.db, s.text, { limit: 1 })
    const known = best !== undefined && best.score >= FAQ_MIN_SCORE
    const failedTurns = known ? 0 : s.call.dialog.failedTurns + 1
    return {
      reply: known ? best.answer : NO_ANSWER,
      call: { ...s.call, currentAgent: 'faq', dialog: { ...s.call.dialog, failedTurns } },
    }
  }
}
