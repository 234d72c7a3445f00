/**
 * A call's post-call analysis: read it (202 while the call has none yet), or have Temporal run it
 * again (an `analysisWorkflow`, one per call at a time; the row is upserted, so it stays one).
 */
import { Hono } from 'hono'
import { getCallAnalysis } from '../../db/call-analyses'
import { getCallState } from '../../db/calls'
import { analysisWorkflow, analysisWorkflowId } from '../../workflows/call-analysis'
import type { AppEnv } from '../context'
import { ApiError, conflict, notFound } from '../errors'
import type { Operation } from '../openapi'
import { validate } from '../validate'
import { CallParams } from './calls'

export const callAnalysisOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/calls/{id}/analysis',
    summary:
      "The call's post-call analysis (outcome with evidence, sentiment, keywords, summary; docs/analysis.md)",
    tag: 'calls',
    params: CallParams,
    responses: {
      200: 'CallAnalysis',
      202: '{status: "pending"}: the call has not ended yet, or its analysis is still running',
      404: 'Unknown call',
    },
  },
  {
    method: 'post',
    path: '/api/calls/{id}/analysis',
    summary: 'Run the analysis of an ended call again (e.g. after the keyword list changed)',
    tag: 'calls',
    params: CallParams,
    responses: {
      202: '{callId, status: "pending", workflowId}: GET the analysis until its analyzedAt changes',
      404: 'Unknown call',
      409: 'The call has not ended',
    },
  },
]

export const callAnalysisRoutes = new Hono<AppEnv>()
  .get('/:id/analysis', validate('param', CallParams), async (c) => {
    const { id } = c.req.valid('param')
    const { db } = c.var.deps
    const analysis = await getCallAnalysis(db, id)
    if (analysis) return c.json(analysis)
    if (!(await getCallState(db, id))) throw notFound(`No call ${id}`)
    return c.json({ status: 'pending' }, 202)
  })
  .post('/:id/analysis', validate('param', CallParams), async (c) => {
    const { id } = c.req.valid('param')
    const { db, temporal } = c.var.deps
    const call = await getCallState(db, id)
    if (!call) throw notFound(`No call ${id}`)
    if (call.status !== 'ended') throw conflict(`Call ${id} has not ended: it is analysed when it ends`)
    if (!temporal) throw new ApiError(503, 'unavailable', 'Analyses are not available: no Temporal client')
    const workflowId = analysisWorkflowId(id)
    // Requests at the same moment join the run that is under way instead of starting a second one.
    await temporal.client.workflow.start(analysisWorkflow, {
      workflowId,
      taskQueue: temporal.taskQueue,
      args: [{ callId: id }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    })
    return c.json({ callId: id, status: 'pending', workflowId }, 202)
  })
