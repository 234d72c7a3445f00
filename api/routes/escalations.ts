/**
 * Escalations: the tasks people take over from the crew. Listing reads the database; accepting and
 * resolving are Updates of the task's escalation workflow, which owns the task and decides races.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client'
import type { UpdateDefinition } from '@temporalio/common'
import { Hono } from 'hono'
import { z } from 'zod'
import { getTask, listTasks } from '../../db/escalations'
import { TASK_STATUSES } from '../../domain/call-state'
import {
  acceptTaskUpdate,
  escalationWorkflowId,
  resolveTaskUpdate,
  type TaskView,
} from '../../workflows/escalation-definitions'
import type { ApiDeps, AppEnv } from '../context'
import { ApiError, conflict, notFound } from '../errors'
import { CallId, RowId, TaskId } from '../id-params'
import type { Operation } from '../openapi'
import { validate } from '../validate'
import { findHumanAgent } from './call-helpers'

/** The longest note a person can leave when resolving a task. */
export const MAX_NOTES_CHARS = 2000

const ListQuery = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  callId: CallId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})
const TaskParams = z.object({ taskId: TaskId })
const AcceptBody = z.strictObject({ humanAgentId: RowId })
const ResolveBody = z.strictObject({
  notes: z.string().max(MAX_NOTES_CHARS, `must be at most ${MAX_NOTES_CHARS} characters`).optional(),
})

export const escalationOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/escalations',
    summary: 'Escalation and callback tasks, newest first; filter by status or call',
    tag: 'escalation',
    query: ListQuery,
    responses: {
      200: '{items: [{taskId, callId, taskType, status, reason, humanAgentName?, callbackScheduled?, createdAt}]}',
      400: 'Invalid filter',
    },
  },
  {
    method: 'post',
    path: '/api/escalations/{taskId}/accept',
    summary: 'A human agent takes a pending task; of two at once, one wins and the other gets 409',
    tag: 'escalation',
    params: TaskParams,
    body: AcceptBody,
    responses: {
      200: 'The task, now running',
      400: 'Invalid body or unknown humanAgentId',
      404: 'Unknown task',
      409: 'The task is not pending, or the agent is not available',
    },
  },
  {
    method: 'post',
    path: '/api/escalations/{taskId}/resolve',
    summary: 'The human agent working on a task closes it, with optional notes',
    tag: 'escalation',
    params: TaskParams,
    body: ResolveBody,
    responses: {
      200: 'The task, now completed',
      400: 'Invalid body',
      404: 'Unknown task',
      409: 'Not running',
    },
  },
]

function clientOf(deps: ApiDeps): Client {
  if (!deps.temporal)
    throw new ApiError(503, 'unavailable', 'Escalations are not available: no Temporal client')
  return deps.temporal.client
}

async function existingTask(deps: ApiDeps, taskId: string): Promise<TaskView> {
  const task = await getTask(deps.db, taskId)
  if (!task) throw notFound(`No escalation task ${taskId}`)
  return task
}

/**
 * Runs an Update of the task's workflow. The database check before it is only a fast answer: the
 * workflow's validator is what decides between two requests that both passed it.
 */
async function runTaskUpdate<Args extends [unknown]>(
  client: Client,
  taskId: string,
  update: UpdateDefinition<TaskView, Args>,
  args: Args,
): Promise<TaskView> {
  try {
    return await client.workflow.getHandle(escalationWorkflowId(taskId)).executeUpdate(update, { args })
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      throw conflict(`The task did not change: ${err.cause?.message ?? err.message}`)
    }
    if (
      (err as Error).name === 'WorkflowNotFoundError' ||
      /already completed/i.test((err as Error).message)
    ) {
      throw conflict(`Task ${taskId} is closed`)
    }
    throw err
  }
}

export const escalationRoutes = new Hono<AppEnv>()
  .get('/', validate('query', ListQuery), async (c) =>
    c.json(await listTasks(c.var.deps.db, c.req.valid('query'))),
  )
  .post('/:taskId/accept', validate('param', TaskParams), validate('json', AcceptBody), async (c) => {
    const { taskId } = c.req.valid('param')
    const { humanAgentId } = c.req.valid('json')
    const { deps } = c.var
    const task = await existingTask(deps, taskId)
    const agent = await findHumanAgent(deps.db, humanAgentId)
    if (!agent.available) throw conflict(`${agent.name} is not available`)
    if (task.status !== 'pending') throw conflict(`Task ${taskId} is ${task.status}, not pending`)
    const accepted = await runTaskUpdate(clientOf(deps), taskId, acceptTaskUpdate, [
      { taskId, humanAgentId, humanAgentName: agent.name },
    ])
    return c.json(accepted)
  })
  .post('/:taskId/resolve', validate('param', TaskParams), validate('json', ResolveBody), async (c) => {
    const { taskId } = c.req.valid('param')
    const { notes } = c.req.valid('json')
    const { deps } = c.var
    const task = await existingTask(deps, taskId)
    if (task.status !== 'running') throw conflict(`Task ${taskId} is ${task.status}, not running`)
    const resolved = await runTaskUpdate(clientOf(deps), taskId, resolveTaskUpdate, [
      { taskId, ...(notes !== undefined ? { notes } : {}) },
    ])
    return c.json(resolved)
  })
