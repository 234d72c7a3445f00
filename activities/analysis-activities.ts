/**
 * The post-call analysis as an activity: read the call's record, analyse it, upsert its one row.
 * Idempotent (an upsert keyed by the call id), so Temporal may retry it, and a re-run replaces it.
 */
import { activityInfo } from '@temporalio/activity'
import { loadCallRecord, saveCallAnalysis } from '../db/call-analyses'
import { DEFAULT_ANALYSIS_KEYWORDS } from '../config/analysis-keywords'
import type { CallOutcome } from '../domain/call-analysis'
import { analyseCall } from './analysis/analyse-call'
import { createChatModel, DEFAULT_LLM_MODEL } from './llm'
import type { ActivityDeps } from '.'

export function createAnalysisActivities(deps: ActivityDeps) {
  const chat = createChatModel(deps.llm)
  const llm = chat
    ? { chat, model: deps.llm?.model || DEFAULT_LLM_MODEL, timeoutMs: deps.analysis?.summaryTimeoutMs }
    : null
  return {
    /**
     * Analyses a call that has ended and stores the result. Answers only the outcome and version:
     * the analysis itself is in its row, not in the workflow's history.
     */
    async analyzeCall(input: { callId: string }): Promise<{ outcome: CallOutcome; analyzerVersion: string }> {
      const record = await loadCallRecord(deps.db, input.callId)
      if (!record) throw new Error(`call ${input.callId} does not exist`)
      const { analysis, wantedBooking } = await analyseCall(record, {
        keywords: deps.analysis?.keywords ?? DEFAULT_ANALYSIS_KEYWORDS,
        timeZone: deps.dealershipTimeZone,
        // The analysis is dated by the real clock: `now` only pins what the agents call "today".
        now: new Date(),
        llm,
        log: deps.log,
      })
      await deps.hooks?.beforeSaveAnalysis?.({ callId: input.callId })
      // One run of this activity, whatever its attempt: a retry must not announce the analysis twice.
      const { workflowExecution: run, activityId } = activityInfo()
      const runKey = `${run?.workflowId}:${run?.runId}:${activityId}`
      await saveCallAnalysis(deps.db, analysis, { wantedBooking, runKey })
      deps.log.info(
        { callId: input.callId, outcome: analysis.outcome, analyzer: analysis.analyzerVersion },
        'call analysed',
      )
      return { outcome: analysis.outcome, analyzerVersion: analysis.analyzerVersion }
    },
  }
}
