/**
 * The post-call analysis, run by Temporal: once at the end of every call (callWorkflow, after
 * closeCall), and on demand by `analysisWorkflow` (POST /api/calls/:id/analysis). The activity
 * upserts the call's one row, so retries and re-runs never make a second one.
 */
import { log, proxyActivities } from '@temporalio/workflow'
import type { Activities } from '../activities'

const DEFAULT_ANALYSIS_TIMEOUT_MS = 60_000

/**
 * Runs the analysis activity with retries. A call's workflow must still finish if the analysis keeps
 * failing (a bug in the analyser, a database that is gone for an hour): then it is logged, the call
 * has no analysis (GET answers 202 pending), and POST re-runs it.
 */
export async function analyseEndedCall(
  callId: string,
  timeoutMs = DEFAULT_ANALYSIS_TIMEOUT_MS,
): Promise<void> {
  const { analyzeCall } = proxyActivities<Activities>({
    startToCloseTimeout: timeoutMs,
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 30 },
  })
  try {
    await analyzeCall({ callId })
  } catch (err) {
    log.error('post-call analysis failed', { callId, error: String(err) })
  }
}

export interface AnalysisWorkflowInput {
  callId: string
  analysisTimeoutMs?: number
}

/** Workflow id of a call's re-run: one at a time per call (POSTs at once join the running one). */
export const analysisWorkflowId = (callId: string) => `analysis-${callId}`

/** Re-runs the analysis of an ended call (POST /api/calls/:id/analysis). */
export async function analysisWorkflow(input: AnalysisWorkflowInput): Promise<void> {
  await analyseEndedCall(input.callId, input.analysisTimeoutMs)
}
