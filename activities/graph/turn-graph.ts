/**
 * The crew as a LangGraph graph: the router understands the customer and hands the turn to the FAQ,
 * booking or escalation agent, or straight to the response agent, which always speaks last.
 */
import { END, START, StateGraph } from '@langchain/langgraph'
import type { CompactCallState, TranscriptEntry } from '../../domain/call-state'
import { bookingNode } from './booking'
import type { GraphDeps } from './deps'
import { escalationNode } from './escalation'
import { faqNode } from './faq'
import type { EscalationRequest } from '../../domain/turn'
import { TurnState } from './graph-state'
import { responseNode } from './response'
import { routerNode } from './router'
import type { ToolCall } from '../../domain/tool-calls'
import { vehicleNode } from './vehicle'

export function buildTurnGraph(deps: GraphDeps) {
  return new StateGraph(TurnState)
    .addNode('router', routerNode(deps))
    .addNode('faq', faqNode(deps))
    .addNode('booking', bookingNode(deps))
    .addNode('vehicle', vehicleNode(deps))
    .addNode('escalation', escalationNode())
    .addNode('response', responseNode(deps))
    .addEdge(START, 'router')
    .addConditionalEdges('router', (s) => s.route, ['faq', 'booking', 'vehicle', 'escalation', 'response'])
    .addEdge('faq', 'response')
    .addEdge('booking', 'response')
    .addEdge('vehicle', 'response')
    .addEdge('escalation', 'response')
    .addEdge('response', END)
    .compile()
}

export type TurnGraph = ReturnType<typeof buildTurnGraph>

export interface TurnOutcome {
  reply: string
  call: CompactCallState
  endCall: boolean
  escalation: EscalationRequest | null
  toolCalls: ToolCall[]
}

/** Runs one customer turn through the graph. The answering agent stays `currentAgent`. */
export async function runTurnGraph(
  graph: TurnGraph,
  input: { call: CompactCallState; text: string; turn: number; recent: TranscriptEntry[] },
): Promise<TurnOutcome> {
  const out = await graph.invoke({
    ...input,
    understanding: null,
    reply: '',
    endCall: false,
    escalationRequest: null,
    toolCalls: [],
  })
  // The service desk (the booking agent) keeps the customers' car records.
  const answeredBy = out.route === 'vehicle' ? 'booking' : out.route
  return {
    reply: out.reply,
    call: { ...out.call, currentAgent: answeredBy, turnCount: input.call.turnCount + 1 },
    endCall: out.endCall,
    escalation: out.escalationRequest ?? null,
    toolCalls: out.toolCalls,
  }
}
