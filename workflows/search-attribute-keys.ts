/**
 * The typed keys of pitcrew's search attributes (domain/search-attributes.ts names them), for
 * workflows, the API and tests alike: one key per attribute, so its name and type are written once.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common'
import type { SearchAttributeName } from '../domain/search-attributes'

const keyword = (name: SearchAttributeName) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD)

export const searchKeys = {
  callId: keyword('CallId'),
  customerPhone: keyword('CustomerPhone'),
  channel: keyword('Channel'),
  callStatus: keyword('CallStatus'),
  intent: keyword('Intent'),
  escalationStatus: keyword('EscalationStatus'),
  humanAgent: keyword('HumanAgent'),
}
