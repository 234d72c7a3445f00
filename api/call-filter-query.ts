/**
 * The query parameters that filter calls, shared by GET /api/calls, GET /api/calls/export.csv and
 * (in part) GET /api/analytics, so every route accepts and refuses them alike.
 */
import { z } from 'zod'
import { CallOutcome, INSUFFICIENT, SENTIMENT_LABELS } from '../domain/call-analysis'
import { CALL_STATUSES, Channel, INTENTS } from '../domain/call-state'
import { isLocalDate } from '../domain/time'

export const LocalDateQuery = z.string().refine(isLocalDate, 'must be a real date in YYYY-MM-DD form')

/** Agent profile ids (the agents issue); accepted now, matched against `state.agent.agentId`. */
export const AgentIdQuery = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'is not an agent id (letters, digits, - and _)')

export const callFilterFields = {
  from: LocalDateQuery.optional(),
  to: LocalDateQuery.optional(),
  status: z.enum(CALL_STATUSES).optional(),
  channel: Channel.optional(),
  outcome: CallOutcome.optional(),
  sentiment: z.enum([...SENTIMENT_LABELS, INSUFFICIENT]).optional(),
  intent: z.enum(INTENTS).optional(),
  hour: z.coerce.number().int().min(0).max(23).optional(),
  agentId: AgentIdQuery.optional(),
  q: z.string().trim().min(1).max(200).optional(),
}

/** A `from` after `to` is a mistake to report, not an empty answer. */
export function refineDateRange(v: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (v.from && v.to && v.from > v.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${v.from})` })
  }
}

export const CallFilterQuery = z.strictObject(callFilterFields).superRefine(refineDateRange)
