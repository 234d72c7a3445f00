/**
 * The activities of a call: open it, run one turn through the agent graph, close it. Each is
 * idempotent, so Temporal may retry any of them after a crash without duplicating anything.
 */
import { findCustomerByPhone } from '../db/catalog'
import { appendAgentLine, findTurn, openCallLog, saveCallChange, saveTurn } from '../db/call-log'
import { getCallState } from '../db/calls'
import { recentTranscript } from '../db/transcript'
import { newCallState, type Channel, type CompactCallState, type PhoneLeg } from '../domain/call-state'
import { DEFAULT_DEALERSHIP_NAME } from '../domain/catalog'
import { inboundGreeting, phoneGreeting } from '../domain/phone-call'
import type { MessageAuthor, TurnOutcome } from '../domain/turn'
import { runTurnGraph, type TurnGraph } from './graph/turn-graph'
import type { ActivityDeps } from '.'

/** How many transcript lines the agents see as context. */
const CONTEXT_LINES = 8

export interface TurnActivityInput {
  callId: string
  turn: number
  text: string
  author: MessageAuthor
  state: CompactCallState
}

export function createCallActivities(deps: ActivityDeps, graph: TurnGraph) {
  /** What the turn says and does. While a person has the call, the crew stays quiet. */
  async function decide(input: TurnActivityInput): Promise<TurnOutcome> {
    const quiet = { reply: null, endCall: false, escalation: null }
    if (input.author === 'human') {
      return {
        ...quiet,
        state: { ...input.state, currentAgent: 'human', turnCount: input.state.turnCount + 1 },
      }
    }
    if (input.state.currentAgent === 'human') {
      return { ...quiet, state: { ...input.state, turnCount: input.state.turnCount + 1 } }
    }
    const recent = await recentTranscript(deps.db, input.callId, CONTEXT_LINES)
    const outcome = await runTurnGraph(graph, {
      call: input.state,
      text: input.text,
      turn: input.turn,
      recent,
    })
    return {
      reply: outcome.reply,
      state: outcome.call,
      endCall: outcome.endCall,
      escalation: outcome.escalation,
      toolCalls: outcome.toolCalls,
    }
  }

  return {
    async openCall(input: { callId: string; channel: Channel; customerPhone?: string; startedAt: string }) {
      const existing = await getCallState(deps.db, input.callId)
      if (existing) return existing
      const state = newCallState(input)
      const customer = input.customerPhone ? await findCustomerByPhone(deps.db, input.customerPhone) : null
      if (customer) {
        state.customer = {
          customerId: customer.customerId,
          name: customer.name,
          phone: customer.phone,
          ...(customer.email ? { email: customer.email } : {}),
          vehicles: customer.vehicles.map(({ year, make, model, vin }) => ({
            year,
            make,
            model,
            ...(vin ? { vin } : {}),
          })),
        }
        state.booking = { status: 'collecting', customerName: customer.name, customerPhone: customer.phone }
      }
      await openCallLog(deps.db, state)
      return state
    },

    async runAgentTurn(input: TurnActivityInput): Promise<TurnOutcome> {
      const stored = await findTurn(deps.db, input.callId, input.turn)
      if (stored) return stored
      const started = performance.now()
      const outcome = await decide(input)
      const decidedMs = Math.round(performance.now() - started)
      await deps.hooks?.beforeSaveTurn?.({ callId: input.callId, turn: input.turn })
      const saved = await saveTurn(deps.db, {
        ...input,
        ...outcome,
        previous: input.state,
        durationMs: decidedMs,
      })
      if (!saved) return (await findTurn(deps.db, input.callId, input.turn))!
      const agent = outcome.state.currentAgent
      const savedMs = Math.round(performance.now() - started) - decidedMs
      deps.log.debug({ callId: input.callId, turn: input.turn, agent, decidedMs, savedMs }, 'turn')
      return outcome
    },

    /** Something the caller must hear outside a turn, said once however often it is retried. */
    async tellCaller(input: { callId: string; key: string; text: string; state: CompactCallState }) {
      await appendAgentLine(deps.db, input.state, input.text, input.key)
    },

    /** Stores a state change that happened outside a turn (a person joined or left). */
    async saveState(input: { state: CompactCallState; previous: CompactCallState; key: string }) {
      await saveCallChange(deps.db, input.state, input.previous, input.key)
    },

    /**
     * The crew's first words, written to the transcript once; the voice worker speaks them. An
     * outbound call (a `purpose`, or a phone call) says who is calling and why.
     */
    async greetCaller(input: { state: CompactCallState; purpose?: string }) {
      const name = deps.dealershipName ?? DEFAULT_DEALERSHIP_NAME
      const text =
        input.state.channel === 'phone' ? phoneGreeting(name, input.purpose) : inboundGreeting(name)
      await appendAgentLine(deps.db, input.state, text, 'greeting')
    },

    async closeCall(input: { callId: string; reason: string; phone?: PhoneLeg }) {
      const current = await getCallState(deps.db, input.callId)
      if (!current) throw new Error(`call ${input.callId} was never opened`)
      if (current.status === 'ended') return current
      const ended: CompactCallState = {
        ...current,
        ...(input.phone ? { phone: input.phone } : {}),
        status: 'ended',
        endedAt: new Date().toISOString(),
        dialog: { ...current.dialog, expecting: null },
      }
      await saveCallChange(deps.db, ended, current, 'close', input.reason)
      deps.log.info({ callId: input.callId, reason: input.reason }, 'call ended')
      return ended
    },
  }
}
