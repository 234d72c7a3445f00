/**
 * Calls written straight into the tables (calls, transcript_lines, call_turns, escalation_tasks,
 * call_analyses) for tests of what reads them: analytics, search, export. No workflow runs; the rows
 * are shaped the way the call log and the analyser write them.
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { callAnalyses, calls, callTurns, escalationTasks, transcriptLines } from '../../db/schema'
import type { CallAnalysis, CallOutcome, KeywordHit, SentimentFilter } from '../../domain/call-analysis'
import type { Channel, CompactCallState, Intent } from '../../domain/call-state'

export interface CallRowSpec {
  callId: string
  channel: Channel
  status: 'active' | 'escalated' | 'ended'
  /** ISO instant; may carry microseconds (sent to Postgres as text, so they are kept). */
  startedAt: string
  customerName?: string
  customerPhone?: string
  intent?: Intent
  agentId?: string
  /** Transcript lines, alternating customer and agent. */
  lines?: string[]
  /** call_turns.duration_ms of each turn. */
  turnMs?: number[]
  tasks?: { type: 'escalation' | 'callback'; status: 'pending' | 'running' | 'completed' | 'failed' }[]
  analysis?: {
    outcome: CallOutcome
    sentiment: SentimentFilter
    score: number | null
    durationSeconds: number
    wantedBooking: boolean
    keywords?: KeywordHit[]
    summary?: string
  }
}

export async function insertCallRows(db: Db, specs: CallRowSpec[]): Promise<void> {
  for (const s of specs) {
    const state = {
      callId: s.callId,
      channel: s.channel,
      status: s.status,
      startedAt: s.startedAt,
      currentAgent: 'router',
      intent: s.intent ?? null,
      confidence: 0,
      customer:
        s.customerName || s.customerPhone
          ? { name: s.customerName, phone: s.customerPhone, vehicles: [] }
          : null,
      ...(s.agentId ? { agent: { agentId: s.agentId, version: 1, name: s.agentId } } : {}),
    } as unknown as CompactCallState
    await db.insert(calls).values({
      id: s.callId,
      channel: s.channel,
      status: s.status,
      customerPhone: s.customerPhone ?? null,
      intent: s.intent ?? null,
      turnCount: s.turnMs?.length ?? 0,
      state,
      startedAt: sql`${s.startedAt}::timestamptz` as unknown as Date,
      endedAt:
        s.status === 'ended'
          ? (sql`${s.startedAt}::timestamptz + interval '3 minutes'` as unknown as Date)
          : null,
    })
    if (s.lines?.length) {
      await db
        .insert(transcriptLines)
        .values(
          s.lines.map(
            (text, i) => ({ callId: s.callId, seq: i + 1, role: i % 2 ? 'agent' : 'user', text }) as const,
          ),
        )
    }
    if (s.turnMs?.length) {
      await db.insert(callTurns).values(
        s.turnMs.map((ms, i) => ({
          callId: s.callId,
          turn: i + 1,
          author: 'user' as const,
          text: 'hi',
          durationMs: ms,
          // Turns happen during the call, 20 s apart.
          at: sql`${s.startedAt}::timestamptz + ${`${(i + 1) * 20} seconds`}::interval` as unknown as Date,
        })),
      )
    }
    for (const [i, t] of (s.tasks ?? []).entries()) {
      await db.insert(escalationTasks).values({
        taskId: `${s.callId}-${t.type}-${i}`,
        callId: s.callId,
        taskType: t.type,
        status: t.status,
      })
    }
    if (s.analysis) {
      const a = s.analysis
      const analysis: CallAnalysis = {
        callId: s.callId,
        analyzerVersion: 'test-1',
        analyzedAt: s.startedAt,
        durationSeconds: a.durationSeconds,
        turns: s.lines?.length ?? 0,
        customerTurns: Math.ceil((s.lines?.length ?? 0) / 2),
        talkSeconds: null,
        interruptions: 0,
        outcome: a.outcome,
        outcomeEvidence: { turns: [] },
        intents: s.intent ? [s.intent] : [],
        sentiment:
          a.sentiment === 'insufficient'
            ? 'insufficient'
            : {
                score: a.score ?? 0,
                label: a.sentiment,
                lowestTurn: null,
                lowestScore: null,
                source: 'lexicon',
              },
        keywords: a.keywords ?? [],
        topTerms: [],
        summary: a.summary === undefined ? 'insufficient' : { text: a.summary, source: 'offline' },
      }
      await db.insert(callAnalyses).values({
        callId: s.callId,
        analyzerVersion: analysis.analyzerVersion,
        outcome: a.outcome,
        sentimentLabel: a.sentiment,
        sentimentScore: a.sentiment === 'insufficient' ? null : a.score,
        durationSeconds: a.durationSeconds,
        turns: analysis.turns,
        customerTurns: analysis.customerTurns,
        interruptions: 0,
        wantedBooking: a.wantedBooking,
        analysis,
      })
    }
  }
}
